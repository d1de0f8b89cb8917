using System.Net;
using System.Text;

namespace FlowGrains.Integration.Tests.Infrastructure;

/// <summary>
/// A JSON API on 127.0.0.1 whose first request is held until the test releases it, so a run reading from it
/// is under way for exactly as long as the test needs; every later request is answered at once.
/// </summary>
public sealed class GatedRecordsApi : IDisposable
{
    private const string Records = """[{"id":1,"amount":"10"}]""";
    private readonly HttpListener _listener = new();
    private readonly TaskCompletionSource _firstRequest = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _requests;

    public GatedRecordsApi()
    {
        Port = LoopbackPorts.Free();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    public int Port { get; }

    /// <summary>How many requests came.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Completes when the first request has come (and is being held).</summary>
    public Task FirstRequest => _firstRequest.Task;

    /// <summary>Lets the held first request be answered.</summary>
    public void Release() => _release.TrySetResult();

    public void Dispose()
    {
        Release();
        _listener.Close();
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => AnswerAsync(context, Interlocked.Increment(ref _requests)));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context, int request)
    {
        if (request == 1)
        {
            _firstRequest.TrySetResult();
            await _release.Task;
        }

        try
        {
            var body = Encoding.UTF8.GetBytes(Records);
            context.Response.ContentType = "application/json";
            context.Response.ContentLength64 = body.Length;
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
        }
        catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or IOException)
        {
            // The caller gave up on this request (its run was stopped); nothing is left to answer.
        }
    }
}
