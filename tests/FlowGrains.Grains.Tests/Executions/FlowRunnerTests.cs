using System.Collections.Immutable;
using System.Text.Json.Nodes;
using FlowGrains.Connectors.Limits;
using FlowGrains.Contracts.Executions;
using FlowGrains.Contracts.Flows;
using FlowGrains.DataPlane.Connectors;
using FlowGrains.DataPlane.Executions;
using FlowGrains.Grains.ConnectorProfiles;
using FlowGrains.Grains.Executions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace FlowGrains.Grains.Tests.Executions;

/// <summary>How a run streams batches: progress, destination refusals, where an incremental run stopped, cancellation.</summary>
public sealed class FlowRunnerTests
{
    private static readonly DateTimeOffset Start = new(2026, 5, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Start);
    private readonly ScriptedConnector _connector = new();
    private readonly LimitsOptions _limits = new() { MaxRecordBytes = 1024, MaxMergeOutputChars = 100 };

    private FlowRunner Runner() => new(
        new ConnectorRegistry([_connector]), new ConnectorProfileResolver(null!, null!), _time, Options.Create(_limits), Options.Create(new RunsOptions { TimeLimit = TimeSpan.FromMinutes(10) }), NullLogger<FlowRunner>.Instance);

    private static RunSpec Spec(string? datetimeField = null, params FlowTask[] tasks)
    {
        var empty = ImmutableSortedDictionary<string, string>.Empty;
        var source = new ConnectorConfig(ScriptedConnector.TypeName, empty, DatetimeTypeFieldName: datetimeField);
        var definition = new FlowDefinition(new TriggerConfig(TriggerType.OnDemand), source, [new ConnectorConfig(ScriptedConnector.TypeName, empty)], [.. tasks]);
        return new RunSpec("flow", "life", "run-1", definition, empty);
    }

    private void AddBatches(int batches, int size)
    {
        for (var b = 0; b < batches; b++)
        {
            _connector.Batches.Add([.. Enumerable.Range(0, size).Select(i => new JsonObject
            {
                ["id"] = (b * size) + i,
                ["updated_at"] = Start.AddMinutes((b * size) + i).ToString("O"),
            })]);
        }
    }

    [Fact]
    public async Task Progress_IsReportedOnceAnIntervalHasPassed_WithTheCountsSoFar()
    {
        AddBatches(batches: 4, size: 5);
        _connector.BeforeBatch = batch =>
        {
            if (batch is 3 or 4)
            {
                _time.Advance(FlowRunner.ProgressInterval);
            }
        };
        var reports = new List<ExecutionResult>();

        var outcome = await Runner().RunAsync(Spec(), CancellationToken.None, result =>
        {
            reports.Add(result);
            return Task.CompletedTask;
        });

        Assert.Equal([new ExecutionResult(15, 1500, 0, null), new ExecutionResult(20, 2000, 0, null)], reports);
        Assert.Equal(new ExecutionResult(20, 2000, 200, null), outcome.Result);
        Assert.Equal(ExecutionStatus.Successful, outcome.Status);
    }

    [Fact]
    public async Task AFailingProgressReport_DoesNotFailTheRun()
    {
        AddBatches(batches: 2, size: 1);
        _connector.BeforeBatch = _ => _time.Advance(FlowRunner.ProgressInterval);

        var outcome = await Runner().RunAsync(Spec(), CancellationToken.None, _ => throw new TimeoutException("grain busy"));

        Assert.Equal(ExecutionStatus.Successful, outcome.Status);
        Assert.Equal(2, outcome.Result.RecordsProcessed);
    }

    [Fact]
    public async Task ARefusedBatch_EndsTheRunAsError_WithPutFailuresCountAndTheDestinationsMessage()
    {
        AddBatches(batches: 3, size: 4);
        _connector.FailOnBatch = 2;

        var outcome = await Runner().RunAsync(Spec(), CancellationToken.None);

        Assert.Equal(ExecutionStatus.Error, outcome.Status);
        Assert.Equal(new ErrorInfo(4, "Batch 2 was refused. The run stopped after reading 8 records."), outcome.Result.ErrorInfo);
        Assert.Equal(4, _connector.Written.Count);
        Assert.Null(outcome.ResumeFrom);
    }

    [Fact]
    public async Task AnIncrementalRun_ThatFailsPartWay_ResumesFromTheNewestValueItCommitted()
    {
        AddBatches(batches: 3, size: 2);
        _connector.FailOnBatch = 3;

        var outcome = await Runner().RunAsync(Spec(datetimeField: "updated_at"), CancellationToken.None);

        var newestCommitted = Start.AddMinutes(3);
        Assert.Equal(newestCommitted, outcome.ResumeFrom);
        Assert.Equal(
            "Batch 3 was refused. The run stopped after reading 6 records; records up to updated_at = 2026-05-01T00:03:00.0000000Z are written and the next run resumes from there.",
            outcome.Result.ErrorInfo!.ExecutionMessage);
        Assert.Equal(2, outcome.Result.ErrorInfo.PutFailuresCount);
    }

    [Fact]
    public async Task AnIncrementalRun_IntoADestinationThatPublishesOnlyAtTheEnd_HasNoResumePoint()
    {
        AddBatches(batches: 3, size: 2);
        _connector.FailOnBatch = 3;
        _connector.CommitsEachBatch = false;

        var outcome = await Runner().RunAsync(Spec(datetimeField: "updated_at"), CancellationToken.None);

        Assert.Equal(ExecutionStatus.Error, outcome.Status);
        Assert.Null(outcome.ResumeFrom);
    }

    [Fact]
    public async Task ASuccessfulIncrementalRun_LeavesTheWindowToTheSchedule()
    {
        AddBatches(batches: 2, size: 2);

        var outcome = await Runner().RunAsync(Spec(datetimeField: "updated_at"), CancellationToken.None);

        Assert.Equal(ExecutionStatus.Successful, outcome.Status);
        Assert.Null(outcome.ResumeFrom);
    }

    [Fact]
    public async Task Cancel_StopsBetweenBatches_AndWhatWasWrittenStays()
    {
        AddBatches(batches: 3, size: 2);
        using var cancellation = new CancellationTokenSource();
        _connector.BeforeBatch = batch =>
        {
            if (batch == 2)
            {
                cancellation.Cancel();
            }
        };

        var outcome = await Runner().RunAsync(Spec(), cancellation.Token);

        Assert.Equal(ExecutionStatus.Canceled, outcome.Status);
        Assert.Equal([0, 1], _connector.Written.Select(r => r["id"]!.GetValue<int>()));
        Assert.Equal(2, outcome.Result.RecordsProcessed);
    }

    [Fact]
    public async Task ARecordOverTheRecordLimit_EndsTheRunAsError_NamingTheSetting()
    {
        _connector.Batches.Add([new JsonObject { ["id"] = 1 }, new JsonObject { ["id"] = 2, ["text"] = new string('x', 1020) }]);

        var outcome = await Runner().RunAsync(Spec(), CancellationToken.None);

        Assert.Equal(ExecutionStatus.Error, outcome.Status);
        Assert.Equal(
            "Record 2 exceeds the limit of 1 KiB (FlowGrains:Limits:MaxRecordBytes); raise FlowGrains:Limits:MaxRecordBytes to allow it. The run stopped after reading 2 records.",
            outcome.Result.ErrorInfo!.ExecutionMessage);
        Assert.Empty(_connector.Written);
    }

    [Fact]
    public async Task ARecordAtTheRecordLimit_IsWritten()
    {
        // Names 'id' and 't' (3), the number (8) and 1013 characters of text: exactly 1024.
        _connector.Batches.Add([new JsonObject { ["id"] = 1, ["t"] = new string('x', 1013) }]);

        var outcome = await Runner().RunAsync(Spec(), CancellationToken.None);

        Assert.Equal(ExecutionStatus.Successful, outcome.Status);
        Assert.Single(_connector.Written);
    }

    [Fact]
    public async Task AMergeWhoseOutputPassesTheLimit_EndsTheRunAsError_NamingTheTaskAndTheSetting()
    {
        _connector.Batches.Add([new JsonObject { ["a"] = new string('a', 30), ["b"] = "b" }]);
        var merge = Transforms.TaskFactory.Task("Merge", ["a", "b"], destination: "out", properties: ("CONCAT_FORMAT", "${a}${a}${a}${b}${a}"));

        var outcome = await Runner().RunAsync(Spec(null, merge), CancellationToken.None);

        Assert.Equal(ExecutionStatus.Error, outcome.Status);
        Assert.Equal(
            "The output of the Merge task tasks[0] for record 1 exceeds the limit of 100 characters (FlowGrains:Limits:MaxMergeOutputChars); raise FlowGrains:Limits:MaxMergeOutputChars to allow it. The run stopped after reading 1 records.",
            outcome.Result.ErrorInfo!.ExecutionMessage);
    }

    [Theory]
    [InlineData(null, 600, "10 minutes")]
    [InlineData(30, 30, "30 seconds")]
    [InlineData(7200, 7200, "2 hours")]
    public async Task ARunThatOutlastsItsTimeLimit_EndsError_NamingTheLimit(int? flowLimitSeconds, int advanceSeconds, string described)
    {
        AddBatches(batches: 3, size: 2);
        _connector.BeforeBatch = batch =>
        {
            if (batch == 2)
            {
                _time.Advance(TimeSpan.FromSeconds(advanceSeconds));
            }
        };
        var spec = Spec();

        var outcome = await Runner().RunAsync(spec with { Definition = spec.Definition with { RunTimeLimitSeconds = flowLimitSeconds } }, CancellationToken.None);

        Assert.Equal(ExecutionStatus.Error, outcome.Status);
        Assert.Equal(
            $"The run exceeded its time limit of {described}; raise the flow's runTimeLimitSeconds or FlowGrains:Runs:TimeLimit to allow longer runs. The run stopped after reading 2 records.",
            outcome.Result.ErrorInfo!.ExecutionMessage);
        Assert.Equal(2, _connector.Written.Count);
    }

    [Fact]
    public async Task ARunJustWithinItsTimeLimit_Succeeds()
    {
        AddBatches(batches: 2, size: 2);
        _connector.BeforeBatch = _ => _time.Advance(TimeSpan.FromSeconds(299));

        var outcome = await Runner().RunAsync(Spec(), CancellationToken.None);

        Assert.Equal(ExecutionStatus.Successful, outcome.Status);
    }
}
