using FlowGrains.Contracts.Errors;
using FlowGrains.Grains.Availability;
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
        var (code, status, message) = exception switch
        {
            FlowOperationException flow => With(ErrorCodes.For(flow.Code), flow.Message),
            BadHttpRequestException bad => ("VALIDATION_ERROR", StatusCodes.Status400BadRequest, BadRequestMessage(bad)),
            _ when Unavailability.IsTransient(exception) => ("SERVICE_UNAVAILABLE", StatusCodes.Status503ServiceUnavailable, Unavailability.Message),
            _ => ("INTERNAL_ERROR", StatusCodes.Status500InternalServerError, "An unexpected error occurred."),
        };

        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            Unavailable(logger, httpContext.Request.Path, exception.GetType().Name);
        }
        else if (status >= StatusCodes.Status500InternalServerError)
        {
            Unexpected(logger, exception, httpContext.Request.Path);
        }

        httpContext.Response.StatusCode = status;
        await httpContext.Response.WriteAsJsonAsync(ApiEnvelope.Fail(code, message), cancellationToken);
        return true;
    }

    private static (string, int, string) With((string Code, int Status) mapped, string message) => (mapped.Code, mapped.Status, message);

    private static string BadRequestMessage(BadHttpRequestException exception) =>
        exception.StatusCode == StatusCodes.Status413PayloadTooLarge
            ? $"body: must be at most {RequestBody.MaxBytes} bytes."
            : "body: the request could not be read.";

    [LoggerMessage(2, LogLevel.Warning, "Serving {Path} met a transient outage ({ExceptionType}); answered 503")]
    private static partial void Unavailable(ILogger logger, string path, string exceptionType);

    [LoggerMessage(1, LogLevel.Error, "Unexpected error serving {Path}")]
    private static partial void Unexpected(ILogger logger, Exception exception, string path);
}
