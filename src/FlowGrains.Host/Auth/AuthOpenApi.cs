using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace FlowGrains.Host.Auth;

/// <summary>Documents in OpenAPI the three ways a request presents its access key; any one of them will do.</summary>
internal static class AuthOpenApi
{
    private static readonly Dictionary<string, OpenApiSecurityScheme> Schemes = new()
    {
        ["sigv4"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = "Authorization",
            Description = "AWS Signature Version 4 (AWS4-HMAC-SHA256), service 'appflow', any region, with X-Amz-Date; the body's SHA-256 is signed. " +
                "For example curl --aws-sigv4 \"aws:amz:us-east-1:appflow\" --user KEY_ID:SECRET.",
        },
        ["key"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "<access key id>:<secret>",
            Description = "The access key itself: Authorization: Bearer <access key id>:<secret>.",
        },
        ["basic"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "basic",
            Description = "HTTP Basic with the access key id as user and the secret as password (what a browser sends to /dashboard).",
        },
    };

    public static OpenApiOptions AddAccessKeySchemes(this OpenApiOptions options) =>
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            foreach (var (name, scheme) in Schemes)
            {
                document.Components.SecuritySchemes[name] = scheme;
            }

            document.Security = [.. Schemes.Keys.Select(name => new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(name, document)] = [] })];
            return Task.CompletedTask;
        });
}
