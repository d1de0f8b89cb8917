using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FlowGrains.Connectors.Http.Tests.Infrastructure;

/// <summary>A request the server received: method, path with query, headers and body.</summary>
public sealed record ReceivedRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

/// <summary>A response the server gives, in the order they were queued.</summary>
public sealed record ScriptedResponse(int Status, string Body, IReadOnlyDictionary<string, string>? Headers = null)
{
    public static ScriptedResponse Json(string body, int status = 200, params (string Name, string Value)[] headers) =>
        new(status, body, headers.ToDictionary(header => header.Name, header => header.Value));
}

/// <summary>
/// A real HTTP endpoint on 127.0.0.1 (a free port) that answers each request with the next queued response and
/// records what it received. A request with nothing queued gets 599 so the test fails saying so.
/// </summary>
public sealed class ScriptedHttpServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ScriptedResponse> _responses = new();
    private readonly ConcurrentQueue<ReceivedRequest> _received = new();

    private ScriptedHttpServer(WebApplication app) => _app = app;

    /// <summary>The server's root, for example <c>http://127.0.0.1:41234</c> (no trailing slash).</summary>
    public string BaseUrl => _app.Urls.Single().TrimEnd('/');

    /// <summary>What the server received, in order.</summary>
    public IReadOnlyList<ReceivedRequest> Received => [.. _received];

    /// <summary>Starts a server on a free port of <paramref name="address"/> (a loopback address).</summary>
    public static async Task<ScriptedHttpServer> StartAsync(string address = "127.0.0.1")
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://{address}:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new ScriptedHttpServer(app);
        app.Run(server.AnswerAsync);
        await app.StartAsync();
        return server;
    }

    public ScriptedHttpServer Then(ScriptedResponse response)
    {
        _responses.Enqueue(response);
        return this;
    }

    public ScriptedHttpServer ThenJson(string body, int status = 200, params (string Name, string Value)[] headers) =>
        Then(ScriptedResponse.Json(body, status, headers));

    private async Task AnswerAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var headers = context.Request.Headers.ToDictionary(header => header.Key, header => header.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        _received.Enqueue(new ReceivedRequest(
            context.Request.Method, context.Request.Path + context.Request.QueryString, headers, await reader.ReadToEndAsync()));

        if (!_responses.TryDequeue(out var response))
        {
            response = new ScriptedResponse(599, "no scripted response left");
        }

        context.Response.StatusCode = response.Status;
        context.Response.ContentType = "application/json";
        foreach (var (name, value) in response.Headers ?? new Dictionary<string, string>())
        {
            context.Response.Headers[name] = value;
        }

        await context.Response.WriteAsync(response.Body);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
