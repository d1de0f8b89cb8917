using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using FlowGrains.Host.Apis;
using FlowGrains.Host.Apis.Aws;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace FlowGrains.Host.Auth;

/// <summary>
/// Authenticates a request by its key: an AWS SigV4 signature (service <c>appflow</c>, any region, the payload
/// hash checked so a signed body cannot be swapped, the request time within 15 minutes), or the key itself
/// as <c>Bearer id:secret</c> or HTTP Basic (for a browser). Refusals answer 401 in the envelope and change nothing.
/// </summary>
internal sealed class AccessKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory loggers, UrlEncoder encoder, AccessKeys keys, SigningKeyCache signingKeys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggers, encoder)
{
    public const string SchemeName = "FlowGrainsKey";
    public const string RoleClaim = "flowgrains:role";
    private static readonly TimeSpan AllowedSkew = TimeSpan.FromMinutes(15);
    private static readonly object FailureKey = new();

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!keys.Required)
        {
            return AuthenticateResult.NoResult();
        }

        try
        {
            var key = await VerifyAsync();
            var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, key.Id), new Claim(RoleClaim, key.Role.ToString())], SchemeName);
            return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
        }
        catch (AuthFailure failure)
        {
            Context.Items[FailureKey] = failure;
            return AuthenticateResult.Fail(failure.Message);
        }
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var failure = Context.Items[FailureKey] as AuthFailure ?? AuthFailure.Missing();
        if (AwsWire.Serves(Context))
        {
            await AwsErrors.WriteAsync(Response, failure.AwsName, AwsErrors.AuthenticationStatus(failure.AwsName), failure.Message);
            return;
        }

        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Basic realm=\"FlowGrains\", charset=\"UTF-8\"";
        await Response.WriteAsJsonAsync(ApiEnvelope.Fail("UNAUTHENTICATED", $"{failure.AwsName}: {failure.Message}"));
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var role = Context.User.FindFirstValue(RoleClaim);
        var needed = Context.GetEndpoint()?.Metadata.GetMetadata<RequiredRole>()?.Role;
        var message = $"Key '{Context.User.Identity?.Name}' has role {role}; {Request.Path} needs {needed}.";
        if (AwsWire.Serves(Context))
        {
            var (name, status) = AwsErrors.For(Errors.FlowErrorCode.AccessDenied);
            await AwsErrors.WriteAsync(Response, name, status, message);
            return;
        }

        Response.StatusCode = StatusCodes.Status403Forbidden;
        await Response.WriteAsJsonAsync(ApiEnvelope.Fail("ACCESS_DENIED", message));
    }

    private async Task<AccessKeyOptions> VerifyAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (header.Length == 0)
        {
            throw AuthFailure.Missing();
        }

        if (header.StartsWith(SigV4.Algorithm + " ", StringComparison.Ordinal))
        {
            return await VerifySignatureAsync(SigV4.Parse(header));
        }

        var presented = header switch
        {
            _ when header.StartsWith("Bearer ", StringComparison.Ordinal) => header["Bearer ".Length..],
            _ when header.StartsWith("Basic ", StringComparison.Ordinal) => DecodeBasic(header["Basic ".Length..]),
            _ => throw AuthFailure.Incomplete($"Authorization must be '{SigV4.Algorithm} …', 'Bearer <key id>:<secret>' or HTTP Basic."),
        };
        var parts = presented.Split(':', 2);
        if (parts.Length != 2)
        {
            throw AuthFailure.Incomplete("A key is presented as <key id>:<secret>.");
        }

        var key = await keys.FindAsync(parts[0]);
        return AccessKeys.SecretMatches(key, parts[1]) ? key : throw AuthFailure.Invalid("The secret does not match the access key id.");
    }

    private async Task<AccessKeyOptions> VerifySignatureAsync(SigV4Authorization authorization)
    {
        if (authorization.Service != "appflow")
        {
            throw AuthFailure.Invalid($"Credential should be scoped to the service 'appflow', not '{authorization.Service}'.");
        }

        var amzDate = Request.Headers["X-Amz-Date"].ToString();
        if (!DateTimeOffset.TryParseExact(amzDate, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var signedAt))
        {
            throw AuthFailure.Incomplete("A signed request needs an X-Amz-Date header (yyyyMMddTHHmmssZ).");
        }

        if (!authorization.SignedHeaders.Contains("host") || !authorization.SignedHeaders.Contains("x-amz-date"))
        {
            throw AuthFailure.Incomplete("SignedHeaders must include host and x-amz-date.");
        }

        var now = TimeProvider.GetUtcNow();
        if ((now - signedAt).Duration() > AllowedSkew)
        {
            throw AuthFailure.Invalid($"Signature expired: the request time {amzDate} is more than 15 minutes from the server's time {now.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}.");
        }

        if (authorization.Date != amzDate[..8])
        {
            throw AuthFailure.Invalid("The credential's date is not the date of X-Amz-Date.");
        }

        var key = await keys.FindAsync(authorization.KeyId);
        var payloadHash = await PayloadHashAsync();
        var declared = Request.Headers["X-Amz-Content-Sha256"].ToString();
        if (declared.Length > 0 && !string.Equals(declared, payloadHash, StringComparison.OrdinalIgnoreCase))
        {
            throw AuthFailure.Invalid("The body does not match its signed X-Amz-Content-Sha256.");
        }

        var target = Context.Features.Get<IHttpRequestFeature>()?.RawTarget is { Length: > 0 } raw ? raw : $"{Request.PathBase}{Request.Path}{Request.QueryString}";
        var query = target.IndexOf('?', StringComparison.Ordinal);
        var canonical = SigV4.CanonicalRequest(
            Request.Method,
            query < 0 ? target : target[..query],
            query < 0 ? "" : target[(query + 1)..],
            name => Request.Headers[name].ToString(),
            authorization.SignedHeaders,
            payloadHash);
        var expected = signingKeys.Signature(key, authorization, SigV4.StringToSign(amzDate, authorization, canonical));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(authorization.Signature))
            ? key
            : throw AuthFailure.Invalid("The request signature we calculated does not match the signature you provided. Check your secret access key and signing method.");
    }

    /// <summary>The SHA-256 of the body, which is read once (within the body limit) and handed on to the operation from memory.</summary>
    private async Task<string> PayloadHashAsync()
    {
        var body = await RequestBody.ReadLimitedAsync(Request, RequestBody.MaxBytes);
        Response.RegisterForDispose(body);
        body.Position = 0;
        Request.Body = body;
        return SigV4.Hex(SHA256.HashData(body.GetBuffer().AsSpan(0, (int)body.Length)));
    }

    private static string DecodeBasic(string encoded)
    {
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
        }
        catch (FormatException)
        {
            throw AuthFailure.Incomplete("HTTP Basic credentials must be base64 of <key id>:<secret>.");
        }
    }
}
