using FlowGrains.Errors;

namespace FlowGrains.Host.Apis;

/// <summary>The one place that turns a domain error code into the envelope's code and an HTTP status.</summary>
internal static class ErrorCodes
{
    public static (string Code, int Status) For(FlowErrorCode code) => code switch
    {
        FlowErrorCode.ValidationError => ("VALIDATION_ERROR", StatusCodes.Status400BadRequest),
        FlowErrorCode.NotFound => ("NOT_FOUND", StatusCodes.Status404NotFound),
        FlowErrorCode.Conflict => ("CONFLICT", StatusCodes.Status409Conflict),
        FlowErrorCode.ClientTokenMismatch => ("CLIENT_TOKEN_MISMATCH", StatusCodes.Status409Conflict),
        FlowErrorCode.UnsupportedOperation => ("UNSUPPORTED_OPERATION", StatusCodes.Status400BadRequest),
        FlowErrorCode.ServiceUnavailable => ("SERVICE_UNAVAILABLE", StatusCodes.Status503ServiceUnavailable),
        FlowErrorCode.AccessDenied => ("ACCESS_DENIED", StatusCodes.Status403Forbidden),
        FlowErrorCode.ServiceQuotaExceeded => ("SERVICE_QUOTA_EXCEEDED", StatusCodes.Status402PaymentRequired),
        FlowErrorCode.Throttled => ("THROTTLED", StatusCodes.Status429TooManyRequests),
        _ => ("INTERNAL_ERROR", StatusCodes.Status500InternalServerError),
    };
}
