using FlowGrains.Contracts;
using FlowGrains.Contracts.ConnectorProfiles;
using FlowGrains.Contracts.Tags;
using FlowGrains.Errors;
using FlowGrains.Grains.Hosting;
using FlowGrains.Host.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace FlowGrains.Host.Apis;

/// <summary>
/// The resource an ARN names, for the tag operations: <c>arn:aws:appflow:{region}:{account}:flow/{name}</c> or
/// <c>…:connectorprofile/{name}</c>, with this cluster's region and account. Changing a profile's tags takes
/// an Admin key, a flow's an Operator key, as changing the resource itself does.
/// </summary>
internal static class ResourceArns
{
    public static async Task<ITaggedResource> ResolveAsync(string? arn, HttpContext context, bool changing)
    {
        if (string.IsNullOrEmpty(arn))
        {
            throw FlowOperationException.Invalid("resourceArn", "is required.");
        }

        var parts = arn.Split(':', 6);
        if (parts is not ["arn", _, "appflow", _, _, var resource] || resource.Split('/', 2) is not [var kind, { Length: > 0 } name])
        {
            throw FlowOperationException.Invalid("resourceArn", "must be arn:aws:appflow:<region>:<account>:flow/<name> or …:connectorprofile/<name>.");
        }

        var options = context.RequestServices.GetRequiredService<IOptions<FlowGrainsOptions>>().Value;
        if (parts[3] != options.Region || parts[4] != options.Account)
        {
            throw NotFound(arn);
        }

        var grains = context.RequestServices.GetRequiredService<IGrainFactory>();
        switch (kind)
        {
            case "flow":
                return grains.GetFlowGrain(name);
            case "connectorprofile":
                if (changing)
                {
                    await RequireAdminAsync(context);
                }

                return grains.GetGrain<IConnectorProfileGrain>(ConnectorProfileName.ToGrainKey(name, "resourceArn"));
            default:
                throw NotFound(arn);
        }
    }

    private static async Task RequireAdminAsync(HttpContext context)
    {
        var authorization = context.RequestServices.GetRequiredService<IAuthorizationService>();
        if (!(await authorization.AuthorizeAsync(context.User, nameof(AccessRole.Admin))).Succeeded)
        {
            throw new FlowOperationException(FlowErrorCode.AccessDenied, $"Key '{context.User.Identity?.Name}' may not change a connector profile's tags; that needs an Admin key.");
        }
    }

    private static FlowOperationException NotFound(string arn) => new(FlowErrorCode.NotFound, $"No resource has the ARN '{arn}'.");
}
