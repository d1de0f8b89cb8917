using System.Diagnostics;
using FlowGrains.Connectors.Http.Tests.Infrastructure;
using FlowGrains.Connectors.Limits;
using Xunit.Abstractions;
using static FlowGrains.Connectors.Http.Tests.Infrastructure.HttpConnectorHarness;

namespace FlowGrains.Connectors.Http.Tests;

/// <summary>A source whose response never ends must cost one run its limit, not the silo its memory.</summary>
public sealed class HttpResponseLimitTests(ITestOutputHelper output) : IDisposable
{
    private const long Limit = 16L << 20;

    // The test process (xunit, an in-process Kestrel and the connector) stays under this while 200 MiB are offered;
    // buffering the body whole would take more than 200 MiB for the bytes alone.
    private const long PeakWorkingSetBound = 400L << 20;

    private readonly HttpConnectorHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    private async Task ReadAllAsync(string baseUrl, long limit)
    {
        var context = Context(new Dictionary<string, string> { ["path"] = "items" }, Profile(baseUrl)) with
        {
            Limits = new LimitsOptions { MaxHttpResponseBytes = limit },
        };
        await foreach (var _ in _harness.Connector.ReadAsync(context, CancellationToken.None))
        {
        }
    }

    [Fact]
    public async Task AStreamedResponseOverTheLimit_StopsTheRead_WithinBoundedMemory()
    {
        await using var server = await EndlessJsonServer.StartAsync(200L << 20);

        var error = await Assert.ThrowsAsync<RunLimitExceededException>(() => ReadAllAsync(server.BaseUrl, Limit));

        Assert.Equal(
            "The response to GET /items exceeds the limit of 16 MiB (FlowGrains:Limits:MaxHttpResponseBytes); raise FlowGrains:Limits:MaxHttpResponseBytes to allow it.",
            error.Message);
        using var process = Process.GetCurrentProcess();
        var peak = process.PeakWorkingSet64;
        // How much the server wrote before it noticed the client had gone depends on Kestrel, so it is reported, not asserted.
        output.WriteLine($"peak working set {peak >> 20} MiB; the server wrote {server.BytesSent >> 20} MiB of {server.TotalBytes >> 20} MiB");
        Assert.True(peak < PeakWorkingSetBound, $"peak working set {peak >> 20} MiB, expected under {PeakWorkingSetBound >> 20} MiB");
    }

    [Fact]
    public async Task AResponseDeclaringMoreThanTheLimit_IsRefusedBeforeItsBodyIsRead()
    {
        await using var server = await ScriptedHttpServer.StartAsync();
        server.ThenJson("[" + string.Join(",", Enumerable.Repeat("{\"id\":1}", 200)) + "]");

        var error = await Assert.ThrowsAsync<RunLimitExceededException>(() => ReadAllAsync(server.BaseUrl, 1024));

        Assert.Equal(
            "The response to GET /items exceeds the limit of 1 KiB (FlowGrains:Limits:MaxHttpResponseBytes); raise FlowGrains:Limits:MaxHttpResponseBytes to allow it.",
            error.Message);
    }

    [Fact]
    public async Task AResponseOfExactlyTheLimit_IsRead()
    {
        await using var server = await ScriptedHttpServer.StartAsync();
        var body = "[{\"p\":\"" + new string('x', 1014) + "\"}]";
        Assert.Equal(1024, body.Length);
        server.ThenJson(body);

        await ReadAllAsync(server.BaseUrl, 1024);

        Assert.Single(server.Received);
    }
}
