using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FlowGrains.Connectors.Http.Tests.Infrastructure;

/// <summary>
/// Answers every GET with a JSON array of <see cref="TotalBytes"/> bytes, streamed in chunks without a
/// Content-Length, so a client cannot know the size before it reads. Counts what it managed to send.
/// </summary>
public sealed class EndlessJsonServer : IAsyncDisposable
{
    private static readonly byte[] Chunk = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"id\":1,\"pad\":\"xxxxxxxxxxxxxxxx\"},", 2048)));
    private readonly WebApplication _app;
    private long _sent;

    private EndlessJsonServer(WebApplication app, long totalBytes)
    {
        _app = app;
        TotalBytes = totalBytes;
    }

    public long TotalBytes { get; }

    public long BytesSent => Interlocked.Read(ref _sent);

    public string BaseUrl => _app.Urls.Single().TrimEnd('/');

    public static async Task<EndlessJsonServer> StartAsync(long totalBytes)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new EndlessJsonServer(app, totalBytes);
        app.Run(server.AnswerAsync);
        await app.StartAsync();
        return server;
    }

    private async Task AnswerAsync(HttpContext context)
    {
        context.Response.ContentType = "application/json";
        var body = context.Response.Body;
        try
        {
            await body.WriteAsync("["u8.ToArray(), context.RequestAborted);
            // Kestrel ignores writes once the client has gone, so the loop must look for itself.
            while (BytesSent + Chunk.Length < TotalBytes && !context.RequestAborted.IsCancellationRequested)
            {
                await body.WriteAsync(Chunk, context.RequestAborted);
                Interlocked.Add(ref _sent, Chunk.Length);
            }

            await body.WriteAsync("{}]"u8.ToArray(), context.RequestAborted);
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException)
        {
            // The client stopped reading: that is what the limit is for.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
