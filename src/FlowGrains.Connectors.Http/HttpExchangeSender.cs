using System.Net.Http.Headers;
using FlowGrains.Connectors.Egress;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace FlowGrains.Connectors.Http;

/// <summary>
/// Sends one run's requests with the profile's headers and credential, retrying as
/// <see cref="HttpRetrySettings"/> says. Waits run on the injected <see cref="TimeProvider"/>.
/// </summary>
internal sealed class HttpExchangeSender
{
    // Carries the request's description to the retry callback, which logs it.
    private static readonly ResiliencePropertyKey<string> RequestKey = new("FlowGrains.Http.Request");

    private readonly HttpClient _client;
    private readonly HttpProfile _profile;
    private readonly ResiliencePipeline<HttpExchange> _pipeline;
    private readonly ILogger _logger;
    private readonly long _maxResponseBytes;

    public HttpExchangeSender(HttpClient client, HttpProfile profile, int maxRetries, long maxResponseBytes, TimeProvider time, ILogger logger)
    {
        _maxResponseBytes = maxResponseBytes;
        _client = client;
        _profile = profile;
        _logger = logger;
        var builder = new ResiliencePipelineBuilder<HttpExchange> { TimeProvider = time };
        if (maxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpExchange>
            {
                MaxRetryAttempts = maxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = HttpRetrySettings.BaseDelay,
                MaxDelay = HttpRetrySettings.MaxDelay,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
                {
                    // A refusal of the egress policy will not change on the next attempt.
                    { Exception: { } exception } when EgressRefusedException.Find(exception) is not null => false,
                    { Exception: HttpRequestException or TimeoutException } => true,
                    { Result: { } response } => HttpRetrySettings.IsRetried(response.StatusCode),
                    _ => false,
                }),
                DelayGenerator = args => ValueTask.FromResult(HttpRetrySettings.RetryAfter(args.Outcome.Result?.RetryAfter, time.GetUtcNow())),
                OnRetry = args =>
                {
                    var request = args.Context.Properties.GetValue(RequestKey, string.Empty);
                    var reason = args.Outcome.Result?.DescribeStatus() ?? DescribeTransportFailure(args.Outcome.Exception);
                    HttpConnectorLog.RetryingRequest(_logger, request, reason, args.AttemptNumber + 1, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            });
        }

        _pipeline = builder.Build();
    }

    /// <summary>Sends <paramref name="method"/> to <paramref name="url"/> (with <paramref name="jsonBody"/> as JSON when given) until it succeeds, fails finally, or retries run out.</summary>
    public async Task<HttpSendResult> SendAsync(HttpMethod method, Uri url, byte[]? jsonBody, CancellationToken cancellationToken)
    {
        var request = HttpUrls.Describe(method, url);
        var attempts = 0;
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(RequestKey, request);
        try
        {
            var response = await _pipeline.ExecuteAsync(
                async (ctx, _) =>
                {
                    attempts++;
                    return await SendOnceAsync(method, url, jsonBody, ctx.CancellationToken);
                },
                context,
                0);
            return new HttpSendResult(request, attempts, response, null);
        }
        catch (Exception exception) when (exception is HttpRequestException or TimeoutException)
        {
            return new HttpSendResult(request, attempts, null, DescribeTransportFailure(exception));
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private async ValueTask<HttpExchange> SendOnceAsync(HttpMethod method, Uri url, byte[]? jsonBody, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(method, url);
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        foreach (var (name, value) in _profile.Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        if (_profile.Credential is { } credential)
        {
            message.Headers.TryAddWithoutValidation(credential.HeaderName, credential.HeaderValue);
        }

        if (jsonBody is not null)
        {
            message.Content = new ByteArrayContent(jsonBody);
            message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        }

        try
        {
            // Headers first, then the body through a limit, so an endless body is never buffered whole.
            using var response = await _client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var body = await BoundedBody.ReadAsync(response.Content, _maxResponseBytes, HttpUrls.Describe(method, url), cancellationToken);
            var links = response.Headers.TryGetValues("Link", out var values) ? values.ToList() : [];
            return new HttpExchange(response.StatusCode, body, response.Headers.RetryAfter, links);
        }
        catch (TaskCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            // HttpClient reports its own timeout as a cancellation nobody asked for.
            throw new TimeoutException("The request timed out.", exception);
        }
    }

    // The exception's own message may quote the host or parts of the request; only its kind is shown, or the
    // egress policy's refusal, which names the host and address it refused.
    private static string DescribeTransportFailure(Exception? exception) => exception switch
    {
        _ when EgressRefusedException.Find(exception) is { } refused => refused.Message,
        TimeoutException => "the request timed out",
        HttpRequestException { HttpRequestError: var error } => $"the connection failed ({error})",
        _ => "the request failed",
    };
}
