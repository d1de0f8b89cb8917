using FlowGrains.Errors;

namespace FlowGrains.Host.Apis.Aws;

/// <summary>
/// AppFlow's own wire protocol (restJson1) at <c>/aws</c>, so the AWS CLI and SDKs work with
/// <c>--endpoint-url http://host:port/aws</c>. Every operation is the envelope API's, mapped at this edge.
/// </summary>
internal static class AwsWire
{
    public const string Prefix = "/aws";
    public const string RequestIdHeader = "x-amzn-RequestId";

    /// <summary>Whether the AWS wire serves this request, so its answers and errors take AWS's shape.</summary>
    public static bool Serves(HttpContext context) => context.Request.Path.StartsWithSegments(Prefix);

    public static WebApplicationBuilder AddAwsWire(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<AwsConnectorTypes>();
        builder.Services.AddSingleton<AwsCustomConnectorIn>();
        builder.Services.AddSingleton<AwsCustomConnectorOut>();
        return builder;
    }

    /// <summary>Gives every AWS wire answer, errors and refusals included, a request id as AWS's services do.</summary>
    public static WebApplication UseAwsRequestIds(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            if (Serves(context))
            {
                var id = Guid.NewGuid().ToString();
                context.Response.OnStarting(() =>
                {
                    context.Response.Headers[RequestIdHeader] = id;
                    return Task.CompletedTask;
                });
            }

            return next(context);
        });
        return app;
    }

    public static IEndpointRouteBuilder MapAwsWire(this IEndpointRouteBuilder app)
    {
        var aws = app.MapGroup(Prefix).WithTags("AWS wire").ExcludeFromDescription();
        aws.MapAwsFlows();
        aws.MapAwsConnectorProfiles();
        aws.MapAwsConnectors();
        aws.MapAwsConnectorEntities();
        aws.MapAwsTags();
        aws.MapAwsAccessKeys();
        aws.MapAwsUnsupported();
        return app;
    }

    /// <summary>What the AWS wire answers for a path or method it does not serve.</summary>
    public static (string Name, int Status, string Message) Unrouted(HttpContext context) => context.Response.StatusCode switch
    {
        StatusCodes.Status404NotFound or StatusCodes.Status405MethodNotAllowed =>
            ("UnknownOperationException", StatusCodes.Status404NotFound, $"No AppFlow operation is {context.Request.Method} {context.Request.Path}."),
        _ => (AwsErrors.For(FlowErrorCode.ValidationError).Name, StatusCodes.Status400BadRequest, "The request could not be served."),
    };
}
