namespace FlowGrains.Host.Auth;

/// <summary>
/// Why a request's credentials were refused, with the name AWS clients know for it; nothing the request
/// asked for happens. Its message never holds a secret.
/// </summary>
internal sealed class AuthFailure(string awsName, string message) : Exception(message)
{
    /// <summary>The AWS error name: MissingAuthenticationTokenException, IncompleteSignatureException, InvalidSignatureException or UnrecognizedClientException.</summary>
    public string AwsName { get; } = awsName;

    public static AuthFailure Missing() => new(
        "MissingAuthenticationTokenException",
        "The request is not signed: send an AWS SigV4 Authorization header (service appflow) or 'Authorization: Bearer <key id>:<secret>'.");

    public static AuthFailure Incomplete(string message) => new("IncompleteSignatureException", message);

    public static AuthFailure Invalid(string message) => new("InvalidSignatureException", message);

    public static AuthFailure Unrecognized() => new("UnrecognizedClientException", "The access key id is not a key of this service, or it was revoked.");
}
