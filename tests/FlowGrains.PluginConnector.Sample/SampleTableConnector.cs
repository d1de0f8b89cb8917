using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using FlowGrains.Connectors;
using FlowGrains.Errors;

namespace FlowGrains.PluginConnector.Sample;

/// <summary>
/// Connector type <c>SampleTable</c>: reads and appends to a <see cref="SampleTables"/> table named by the <c>table</c>
/// property. It uses only the connector API: properties are checked with the API's errors, records come and go in batches.
/// </summary>
public sealed class SampleTableConnector(SampleTables tables) : IFlowConnector
{
    /// <summary>The connector type flows name.</summary>
    public const string TypeName = "SampleTable";

    /// <summary>The property naming the table.</summary>
    public const string TableProperty = "table";

    /// <inheritdoc />
    public string ConnectorType => TypeName;

    /// <inheritdoc />
    public bool CanRead => true;

    /// <inheritdoc />
    public bool CanWrite => true;

    /// <inheritdoc />
    public void ValidateProperties(ConnectorRole role, IReadOnlyDictionary<string, string> properties, string fieldPath)
    {
        if (!properties.TryGetValue(TableProperty, out var table) || table.Length == 0)
        {
            throw FlowOperationException.Invalid($"{fieldPath}.{TableProperty}", "is required.");
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<RecordBatch> ReadAsync(ConnectorRunContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        var rows = tables.Read(context.Properties[TableProperty]);
        yield return new RecordBatch(rows, rows.Sum(row => (long)row.ToJsonString().Length));
    }

    /// <inheritdoc />
    public ValueTask<IRecordWriter> OpenWriterAsync(ConnectorRunContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IRecordWriter>(new Writer(tables, context.Properties[TableProperty]));

    // Output becomes visible only when the run completes, as the API asks of writers.
    private sealed class Writer(SampleTables tables, string table) : IRecordWriter
    {
        private readonly List<JsonObject> _pending = [];
        private long _bytes;

        public ValueTask WriteAsync(IReadOnlyList<JsonObject> records, CancellationToken cancellationToken)
        {
            _pending.AddRange(records);
            _bytes += records.Sum(record => (long)record.ToJsonString().Length);
            return ValueTask.CompletedTask;
        }

        public ValueTask<long> CompleteAsync(CancellationToken cancellationToken)
        {
            tables.Append(table, _pending);
            return ValueTask.FromResult(_bytes);
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
