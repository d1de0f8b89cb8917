using FlowGrains.Errors;

namespace FlowGrains.Host.Apis.Aws;

/// <summary>
/// Errors as AppFlow's restJson1 answers them: a status, the error's model name in <c>x-amzn-ErrorType</c>,
/// and <c>{"message": …}</c>. The one place that names a domain error for the AWS wire.
/// </summary>
internal static class AwsErrors
{
    public const string TypeHeader = "x-amzn-ErrorType";

    public static (string Name, int Status) For(FlowErrorCode code) => code switch
    {
        FlowErrorCode.ValidationError => ("ValidationException", StatusCodes.Status400BadRequest),
        FlowErrorCode.NotFound => ("ResourceNotFoundException", StatusCodes.Status404NotFound),
        FlowErrorCode.Conflict or FlowErrorCode.ClientTokenMismatch => ("ConflictException", StatusCodes.Status409Conflict),
        FlowErrorCode.UnsupportedOperation => ("UnsupportedOperationException", StatusCodes.Status400BadRequest),
        FlowErrorCode.AccessDenied => ("AccessDeniedException", StatusCodes.Status403Forbidden),
        FlowErrorCode.ServiceQuotaExceeded => ("ServiceQuotaExceededException", StatusCodes.Status402PaymentRequired),
        FlowErrorCode.Throttled => ("ThrottlingException", StatusCodes.Status429TooManyRequests),
        // Not a name of AppFlow's model: AWS clients retry a 503 whatever its name, which is what this outage wants.
        FlowErrorCode.ServiceUnavailable => ("ServiceUnavailableException", StatusCodes.Status503ServiceUnavailable),
        _ => ("InternalServerException", StatusCodes.Status500InternalServerError),
    };

    /// <summary>The status of an authentication failure, as AWS answers it.</summary>
    public static int AuthenticationStatus(string awsName) =>
        awsName == "IncompleteSignatureException" ? StatusCodes.Status400BadRequest : StatusCodes.Status403Forbidden;

    public static async Task WriteAsync(HttpResponse response, string name, int status, string message)
    {
        response.StatusCode = status;
        response.Headers[TypeHeader] = name;
        await response.WriteAsJsonAsync(new AwsErrorBody(message), AwsJson.Options);
    }
}

/// <summary>The body of an AWS error.</summary>
internal sealed record AwsErrorBody(string Message);
