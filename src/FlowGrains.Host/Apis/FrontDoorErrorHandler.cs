using FlowGrains.Errors;
using FlowGrains.Grains.Availability;
using FlowGrains.Host.Apis.Aws;
using Microsoft.AspNetCore.Diagnostics;

namespace FlowGrains.Host.Apis;

/// <summary>
/// Turns every exception that leaves a handler into the envelope: domain errors keep their code,
/// bad requests become VALIDATION_ERROR, outages of the store or the cluster SERVICE_UNAVAILABLE, anything else INTERNAL_ERROR with no internals in the message.
/// </summary>
internal sealed partial class FrontDoorErrorHandler(ILogger<FrontDoorErrorHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (error, message) = exception switch
        {
            FlowOperationException flow => (flow.Code, flow.Message),
            BadHttpRequestException bad => (FlowErrorCode.ValidationError, BadRequestMessage(bad)),
            _ when Unavailability.IsTransient(exception) => (FlowErrorCode.ServiceUnavailable, Unavailability.Message),
            _ => (FlowErrorCode.InternalError, "An unexpected error occurred."),
        };
        var (code, status) = ErrorCodes.For(error);

        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            Unavailable(logger, httpContext.Request.Path, exception.GetType().Name);
        }
        else if (status >= StatusCodes.Status500InternalServerError)
        {
            Unexpected(logger, exception, httpContext.Request.Path);
        }

        if (AwsWire.Serves(httpContext))
        {
            var (name, awsStatus) = AwsErrors.For(error);
            await AwsErrors.WriteAsync(httpContext.Response, name, awsStatus, message);
            return true;
        }

        httpContext.Response.StatusCode = status;
        await httpContext.Response.WriteAsJsonAsync(ApiEnvelope.Fail(code, message), cancellationToken);
        return true;
    }

    private static string BadRequestMessage(BadHttpRequestException exception) =>
        exception.StatusCode == StatusCodes.Status413PayloadTooLarge
            ? $"body: must be at most {RequestBody.MaxBytes} bytes."
            : "body: the request could not be read.";

    [LoggerMessage(2, LogLevel.Warning, "Serving {Path} met a transient outage ({ExceptionType}); answered 503")]
    private static partial void Unavailable(ILogger logger, string path, string exceptionType);

    [LoggerMessage(1, LogLevel.Error, "Unexpected error serving {Path}")]
    private static partial void Unexpected(ILogger logger, Exception exception, string path);
}
