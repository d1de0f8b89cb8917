using FlowGrains.Errors;
using System.Collections.Immutable;
using FlowGrains.Client;
using FlowGrains.Contracts;
using FlowGrains.Contracts.Errors;
using FlowGrains.Contracts.Flows;
using Microsoft.Extensions.Options;

namespace FlowGrains.SampleWorker;

/// <summary>
/// Creates an OnDemand LocalFolder flow if it is missing, then starts it every interval with a fresh clientToken. A start
/// that failed for a passing reason is repeated with the same token, so it runs at most once however often it is repeated.
/// </summary>
internal sealed class StartFlowWorker(IGrainFactory grains, IOptions<SampleWorkerOptions> options, TimeProvider time, ILogger<StartFlowWorker> logger)
    : BackgroundService
{
    private static readonly ImmutableSortedDictionary<string, string> NoParameters = ImmutableSortedDictionary<string, string>.Empty;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var flow = grains.GetFlowGrain(settings.FlowName);
        using var timer = new PeriodicTimer(settings.Interval, time);
        var created = false;
        string? pendingToken = null;
        do
        {
            var token = pendingToken ?? $"sample-{Guid.NewGuid():N}";
            try
            {
                created = created || await EnsureCreatedAsync(flow, settings);
                var started = await flow.StartFlowAsync(new StartFlowRequest(token, NoParameters));
                var summary = await flow.GetSummaryAsync();
                SampleWorkerLog.Started(logger, settings.FlowName, token, started.ExecutionId, summary?.LastRunExecutionDetails?.MostRecentExecutionStatus);
                pendingToken = null;
            }
            catch (Exception exception) when (FlowCallFailures.IsRetryable(exception))
            {
                SampleWorkerLog.WillRetry(logger, settings.FlowName, token, $"{exception.GetType().Name}: {exception.Message}");
                pendingToken = token;
            }
            catch (FlowOperationException refused)
            {
                SampleWorkerLog.Refused(logger, settings.FlowName, token, refused.Code, refused.Message);
                pendingToken = null;
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task<bool> EnsureCreatedAsync(IFlowGrain flow, SampleWorkerOptions settings)
    {
        if (await flow.GetSummaryAsync() is not null)
        {
            return true;
        }

        var definition = new FlowDefinition(
            new TriggerConfig(TriggerType.OnDemand),
            new ConnectorConfig("LocalFolder", Properties(settings.SourcePath, "CSV")),
            [new ConnectorConfig("LocalFolder", Properties(settings.DestinationPath, "JSON"))],
            [],
            "Started by FlowGrains.SampleWorker");

        // The token makes a create that was answered but whose answer was lost come back as success on the next tick.
        await flow.CreateFlowAsync(new CreateFlowRequest(definition, NoParameters, $"sample-worker-create-{settings.FlowName}"));
        SampleWorkerLog.Created(logger, settings.FlowName);
        return true;
    }

    private static ImmutableSortedDictionary<string, string> Properties(string path, string fileType) =>
        ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("path", path), KeyValuePair.Create("fileType", fileType)]);
}
