using System.Text.Json.Nodes;
using FlowGrains.Contracts.Errors;
using FlowGrains.Contracts.Executions;
using FlowGrains.Grains.Connectors;
using FlowGrains.Grains.Transforms;
using Microsoft.Extensions.Logging;

namespace FlowGrains.Grains.Executions;

/// <summary>Moves records from a flow's source through its tasks to each destination, batch by batch.</summary>
public sealed class FlowRunner(ConnectorRegistry connectors, ILogger<FlowRunner> logger)
{
    /// <summary>Runs <paramref name="spec"/> to its end; never throws, the outcome says how it went.</summary>
    public async Task<RunOutcome> RunAsync(RunSpec spec, CancellationToken cancellationToken)
    {
        long records = 0, bytesRead = 0, bytesWritten = 0;
        var writers = new List<IRecordWriter>();
        RunOutcome Outcome(ExecutionStatus status, string? error) =>
            new(spec.Incarnation, spec.ExecutionId, spec.Page, status,
                new ExecutionResult(records, bytesRead, bytesWritten, error is null ? null : new ErrorInfo(0, error)));

        try
        {
            var definition = spec.Definition;
            var source = connectors.Resolve(definition.Source.ConnectorType, ConnectorRole.Source, "sourceFlowConfig.connectorType");
            var transformer = new RecordTransformer(definition.Tasks);
            long position = 0;
            foreach (var destination in definition.Destinations)
            {
                var connector = connectors.Resolve(destination.ConnectorType, ConnectorRole.Destination, "destinationFlowConfigList.connectorType");
                writers.Add(await connector.OpenWriterAsync(Context(spec, destination.Properties), cancellationToken));
            }

            await foreach (var batch in source.ReadAsync(Context(spec, definition.Source.Properties), cancellationToken))
            {
                cancellationToken.ThrowIfCancellationRequested();
                records += batch.Records.Count;
                bytesRead += batch.BytesRead;
                var output = new List<JsonObject>(batch.Records.Count);
                foreach (var record in batch.Records)
                {
                    if (transformer.Apply(record, ++position) is { } transformed)
                    {
                        output.Add(transformed);
                    }
                }

                foreach (var writer in writers)
                {
                    await writer.WriteAsync(output, cancellationToken);
                }
            }

            cancellationToken.ThrowIfCancellationRequested();
            foreach (var writer in writers)
            {
                bytesWritten += await writer.CompleteAsync(cancellationToken);
            }

            return Outcome(ExecutionStatus.Successful, null);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Outcome(ExecutionStatus.Canceled, "The run was cancelled.");
        }
        catch (Exception exception) when (exception is ConnectorException or FlowOperationException or TaskTerminatedFlowException)
        {
            return Outcome(ExecutionStatus.Error, exception.Message);
        }
        catch (Exception exception)
        {
            GrainsLog.RunFailed(logger, exception, spec.FlowName, spec.ExecutionId);
            return Outcome(ExecutionStatus.Error, $"The run failed unexpectedly ({exception.GetType().Name}).");
        }
        finally
        {
            await DisposeAllAsync(writers, spec);
        }
    }

    // A writer that fails to dispose must neither skip the others nor lose the run's outcome.
    private async Task DisposeAllAsync(List<IRecordWriter> writers, RunSpec spec)
    {
        foreach (var writer in writers)
        {
            try
            {
                await writer.DisposeAsync();
            }
            catch (Exception exception)
            {
                GrainsLog.WriterDisposeFailed(logger, exception, spec.FlowName, spec.ExecutionId);
            }
        }
    }

    private static ConnectorRunContext Context(RunSpec spec, IReadOnlyDictionary<string, string> properties) =>
        new(spec.FlowName, spec.ExecutionId, properties, spec.Parameters, spec.EventPayload, spec.DataPull?.Start, spec.DataPull?.End);
}
