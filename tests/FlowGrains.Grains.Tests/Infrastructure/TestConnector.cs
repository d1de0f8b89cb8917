using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using FlowGrains.Connectors;

namespace FlowGrains.Grains.Tests.Infrastructure;

/// <summary>
/// A connector registered through DI the way a co-hosted service would. As a source it yields
/// <c>records</c> records; with <c>gate=true</c> it first waits until the test opens the gate of that run
/// (or the run is cancelled), with <c>gate=ignore-cancel</c> until the gate opens whatever happens; with
/// <c>fail=true</c> it fails; with <c>describeGate=K</c> a flow's create or update waits at gate K. With <c>batches=N</c> it yields N batches of <c>records</c> records, waiting
/// before batch k (k &gt; 1) until the test opens the gate <c>{executionId}#k</c>; <see cref="WaitUntilStartedAsync"/>
/// of <c>{executionId}#k</c> returns once it waits there.
/// Records carry <c>at</c>, one second apart from the run's pull start; with <c>failAfterBatch=k</c> the source
/// fails after k batches. As a destination (<c>commitsEachBatch=true</c> to commit each batch) it remembers what each run wrote; with <c>failDispose=true</c> closing the writer throws.
/// </summary>
public sealed class TestConnector : IFlowConnector
{
    public const string TypeName = "Test";

    private readonly ConcurrentDictionary<string, TaskCompletionSource> _gates = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _started = new();
    private readonly ConcurrentDictionary<string, int> _starts = new();

    public ConcurrentDictionary<string, List<JsonObject>> Written { get; } = new();

    public string ConnectorType => TypeName;

    public bool CanRead => true;

    public bool CanWrite => true;

    /// <summary>Profile properties under <c>secret.</c> are secret, as an Http connector's token headers are.</summary>
    public bool IsSecretProfileProperty(string key) => key.StartsWith("secret.", StringComparison.Ordinal);

    /// <summary>Accepts any profile, so tests can store whatever credentials they check for.</summary>
    public void ValidateProfile(ConnectorProfileSettings profile, string fieldPath)
    {
    }

    public void ValidateProperties(ConnectorRole role, IReadOnlyDictionary<string, string> properties, string fieldPath)
    {
    }

    public async IAsyncEnumerable<RecordBatch> ReadAsync(ConnectorRunContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        _starts.AddOrUpdate(context.ExecutionId, 1, (_, starts) => starts + 1);
        Started(context.ExecutionId).TrySetResult();
        if (context.Properties.GetValueOrDefault("fail") == "true")
        {
            throw new ConnectorException("The test source failed.");
        }

        switch (context.Properties.GetValueOrDefault("gate"))
        {
            case "true":
                await Gate(context.ExecutionId).Task.WaitAsync(cancellationToken);
                break;
            case "ignore-cancel":
                // Models a connector busy in a call it cannot interrupt: cancellation is seen only after it.
                await Gate(context.ExecutionId).Task;
                break;
        }

        var count = int.Parse(context.Properties.GetValueOrDefault("records", "1"));
        var batches = int.Parse(context.Properties.GetValueOrDefault("batches", "1"));
        var failAfter = int.Parse(context.Properties.GetValueOrDefault("failAfterBatch", "0"));
        var at = context.DataPullStart ?? DateTimeOffset.UnixEpoch;
        for (var batch = 1; batch <= batches; batch++)
        {
            if (failAfter > 0 && batch > failAfter)
            {
                throw new ConnectorException($"The test source failed after batch {failAfter}.");
            }

            if (batch > 1)
            {
                // The runner asks for batch k only once batch k-1 is fully handled, so tests can wait for this.
                Started($"{context.ExecutionId}#{batch}").TrySetResult();
                await Gate($"{context.ExecutionId}#{batch}").Task.WaitAsync(cancellationToken);
            }

            var records = Enumerable.Range(0, count)
                .Select(i => new JsonObject
                {
                    ["n"] = i, ["flow"] = context.FlowName, ["region"] = context.Parameters.GetValueOrDefault("region"),
                    ["at"] = (at = at.AddSeconds(1)).ToString("O"),
                })
                .ToList();
            yield return new RecordBatch(records, count * 10);
        }
    }

    /// <summary>With <c>describeGate=K</c>, describing the source (inside a flow's create or update) waits until the test opens gate K.</summary>
    public async ValueTask<IReadOnlySet<string>?> DescribeSourceFieldsAsync(
        IReadOnlyDictionary<string, string> properties, ConnectorProfileSettings? profile, CancellationToken cancellationToken)
    {
        if (properties.GetValueOrDefault("describeGate") is { } gate)
        {
            Started(gate).TrySetResult();
            await Gate(gate).Task.WaitAsync(cancellationToken);
        }

        return null;
    }

    public ValueTask<IRecordWriter> OpenWriterAsync(ConnectorRunContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IRecordWriter>(new Writer(
            this, context.ExecutionId, context.Properties.GetValueOrDefault("failDispose") == "true", context.Properties.GetValueOrDefault("commitsEachBatch") == "true"));

    /// <summary>How many times a run of <paramref name="executionId"/> began reading.</summary>
    public int StartsOf(string executionId) => _starts.GetValueOrDefault(executionId);

    public void OpenGate(string executionId) => Gate(executionId).TrySetResult();

    public Task WaitUntilStartedAsync(string executionId) =>
        Started(executionId).Task.WaitAsync(TimeSpan.FromSeconds(10));

    private TaskCompletionSource Gate(string executionId) =>
        _gates.GetOrAdd(executionId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    private TaskCompletionSource Started(string executionId) =>
        _started.GetOrAdd(executionId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    private sealed class Writer(TestConnector owner, string executionId, bool failDispose, bool commitsEachBatch) : IRecordWriter
    {
        private readonly List<JsonObject> _records = [];

        public bool CommitsEachBatch => commitsEachBatch;

        public ValueTask WriteAsync(IReadOnlyList<JsonObject> records, CancellationToken cancellationToken)
        {
            _records.AddRange(records);
            return ValueTask.CompletedTask;
        }

        public ValueTask<long> CompleteAsync(CancellationToken cancellationToken)
        {
            owner.Written[executionId] = _records;
            return ValueTask.FromResult((long)_records.Count);
        }

        public ValueTask DisposeAsync() =>
            failDispose ? ValueTask.FromException(new IOException("disk went away while closing")) : ValueTask.CompletedTask;
    }
}
