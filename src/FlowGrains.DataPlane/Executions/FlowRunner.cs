using System.Text.Json.Nodes;
using FlowGrains.Connectors;
using FlowGrains.Connectors.Batches;
using FlowGrains.Connectors.Egress;
using FlowGrains.Connectors.Limits;
using FlowGrains.Contracts.Executions;
using FlowGrains.Contracts.Flows;
using FlowGrains.DataPlane.Connectors;
using FlowGrains.DataPlane.Transforms;
using FlowGrains.Errors;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

using FlowGrains.DataPlane.Telemetry;

namespace FlowGrains.DataPlane.Executions;

/// <summary>
/// Moves records from a flow's source through its tasks to each destination, batch by batch, so memory
/// holds one batch whatever the size of the data. Cancellation is honoured between batches: what was
/// written stays written. A run that outlasts its time limit (<see cref="RunTimeLimit"/>) stops the same way and
/// ends as Error. Every record read is held to <see cref="LimitsOptions.MaxRecordBytes"/>, and the
/// connectors and tasks get the limits to keep to.
/// </summary>
public sealed class FlowRunner(
    ConnectorRegistry connectors,
    IConnectorProfileSource profiles,
    [FromKeyedServices(FlowGrainsClock.ServiceKey)] TimeProvider time,
    IOptions<LimitsOptions> limitOptions,
    IOptions<RunsOptions> runOptions,
    ILogger<FlowRunner> logger)
{
    /// <summary>How often a running run reports its counts at most (and at least, while batches keep coming).</summary>
    public static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(2);

    private readonly LimitsOptions _limits = limitOptions.Value;

    /// <summary>
    /// Runs <paramref name="spec"/> to its end and never throws: the result says how it went. While it runs,
    /// <paramref name="reportProgress"/> gets the counts so far every <see cref="ProgressInterval"/>.
    /// </summary>
    public async Task<RunResult> RunAsync(FlowRun spec, CancellationToken cancellationToken, Func<ExecutionResult, Task>? reportProgress = null)
    {
        var callerToken = cancellationToken;
        var timeLimit = RunTimeLimit.Of(spec.Definition, runOptions.Value);
        using var timeLimitReached = new CancellationTokenSource(timeLimit, time);
        using var stopped = CancellationTokenSource.CreateLinkedTokenSource(callerToken, timeLimitReached.Token);
        cancellationToken = stopped.Token;
        var progress = new RunProgress(spec.Definition.Source.DatetimeTypeFieldName);
        var writers = new List<IRecordWriter>();
        RunResult Outcome(ExecutionStatus status, string? error, long putFailures = 0) =>
            new(status, progress.Result(error, putFailures), progress.ResumeFrom);

        try
        {
            var definition = spec.Definition;
            var source = connectors.Resolve(definition.Source.ConnectorType, ConnectorRole.Source, "sourceFlowConfig.connectorType");
            var sourceContext = await ContextAsync(spec, definition.Source);
            var transformer = new RecordTransformer(definition.Tasks, _limits);
            long position = 0;
            foreach (var destination in definition.Destinations)
            {
                var connector = connectors.Resolve(destination.ConnectorType, ConnectorRole.Destination, "destinationFlowConfigList.connectorType");
                writers.Add(await connector.OpenWriterAsync(await ContextAsync(spec, destination), cancellationToken));
            }

            var everyBatchCommits = writers.TrueForAll(writer => writer.CommitsEachBatch);
            var lastReport = time.GetTimestamp();
            await foreach (var batch in source.ReadAsync(sourceContext, cancellationToken))
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var batchActivity = FlowTelemetry.Activities.StartActivity("flowgrains.batch");
                batchActivity?.SetTag("flowgrains.records", batch.Count);

                // Read before the tasks run: they may move fields out of the input records.
                var batchMark = progress.Read(batch);
                if (batch.Columns is { } columns && transformer.Columnar is { } plan)
                {
                    await WriteTypedAsync(columns, plan, position, writers, cancellationToken);
                    position += columns.Count;
                }
                else
                {
                    await WriteRecordsAsync(batch.Records, transformer, position, writers, cancellationToken);
                    position += batch.Records.Count;
                }

                if (everyBatchCommits)
                {
                    progress.Committed(batchMark);
                }

                if (reportProgress is not null && time.GetElapsedTime(lastReport) >= ProgressInterval)
                {
                    lastReport = time.GetTimestamp();
                    await ReportAsync(reportProgress, progress.Result(null, 0), spec);
                }
            }

            cancellationToken.ThrowIfCancellationRequested();
            foreach (var writer in writers)
            {
                progress.Written(await writer.CompleteAsync(cancellationToken));
            }

            progress.CompletedAll();
            return Outcome(ExecutionStatus.Successful, null);
        }
        catch (OperationCanceledException) when (callerToken.IsCancellationRequested)
        {
            return Outcome(ExecutionStatus.Canceled, "The run was cancelled.");
        }
        catch (OperationCanceledException) when (timeLimitReached.IsCancellationRequested)
        {
            return Outcome(ExecutionStatus.Error, progress.StoppedMessage(RunTimeLimit.Exceeded(timeLimit)));
        }
        catch (DestinationWriteException exception)
        {
            return Outcome(ExecutionStatus.Error, progress.StoppedMessage(exception.Message), exception.FailedRecords);
        }
        catch (Exception exception) when (exception is ConnectorException or FlowOperationException or TaskTerminatedFlowException or RunLimitExceededException or EgressRefusedException)
        {
            return Outcome(ExecutionStatus.Error, progress.StoppedMessage(exception.Message));
        }
        catch (Exception exception)
        {
            DataPlaneLog.RunFailed(logger, exception, spec.FlowName, spec.ExecutionId);
            return Outcome(ExecutionStatus.Error, progress.StoppedMessage($"The run failed unexpectedly ({exception.GetType().Name})."));
        }
        finally
        {
            await DisposeAllAsync(writers, spec);
        }
    }

    private async Task WriteTypedAsync(ColumnBatch batch, ColumnPlan plan, long position, List<IRecordWriter> writers, CancellationToken cancellationToken)
    {
        for (var record = 0; record < batch.Count; record++)
        {
            RecordSize.Check(batch, record, position + record + 1, _limits.MaxRecordBytes);
        }

        var output = plan.Apply(batch);
        foreach (var writer in writers)
        {
            await writer.WriteAsync(output, cancellationToken);
        }
    }

    private async Task WriteRecordsAsync(
        IReadOnlyList<JsonObject> records, RecordTransformer transformer, long position, List<IRecordWriter> writers, CancellationToken cancellationToken)
    {
        var output = new List<JsonObject>(records.Count);
        foreach (var record in records)
        {
            RecordSize.Check(record, position + 1, _limits.MaxRecordBytes);
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

    // Progress is a courtesy: a report that fails must not fail the run, and the next one carries the counts.
    private async Task ReportAsync(Func<ExecutionResult, Task> reportProgress, ExecutionResult result, FlowRun spec)
    {
        try
        {
            await reportProgress(result);
        }
        catch (Exception exception)
        {
            DataPlaneLog.ProgressReportFailed(logger, exception, spec.FlowName, spec.ExecutionId);
        }
    }

    // A writer that fails to dispose must neither skip the others nor lose the run's outcome.
    private async Task DisposeAllAsync(List<IRecordWriter> writers, FlowRun spec)
    {
        foreach (var writer in writers)
        {
            try
            {
                await writer.DisposeAsync();
            }
            catch (Exception exception)
            {
                DataPlaneLog.WriterDisposeFailed(logger, exception, spec.FlowName, spec.ExecutionId);
            }
        }
    }

    private async Task<ConnectorRunContext> ContextAsync(FlowRun spec, ConnectorConfig config) =>
        new(spec.FlowName, spec.ExecutionId, config.Properties, spec.Parameters, spec.EventPayload, spec.DataPullStart, spec.DataPullEnd,
            await profiles.ResolveAsync(config), config.DatetimeTypeFieldName)
        {
            Limits = _limits,
        };
}
