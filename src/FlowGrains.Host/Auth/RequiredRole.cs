using Microsoft.AspNetCore.Authorization;

namespace FlowGrains.Host.Auth;

/// <summary>Endpoint metadata and authorization requirement: the least role an operation needs.</summary>
internal sealed record RequiredRole(AccessRole Role) : IAuthorizationRequirement;

/// <summary>Grants a requirement to a key whose role is at least the one required; to everyone when keys are off.</summary>
internal sealed class RequiredRoleHandler(AccessKeys keys) : AuthorizationHandler<RequiredRole>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, RequiredRole requirement)
    {
        if (!keys.Required
            || (Enum.TryParse<AccessRole>(context.User.FindFirst(AccessKeyAuthenticationHandler.RoleClaim)?.Value, out var role) && role >= requirement.Role))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
