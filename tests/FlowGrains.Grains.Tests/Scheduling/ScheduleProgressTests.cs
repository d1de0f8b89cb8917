using FlowGrains.Contracts.Executions;
using FlowGrains.Contracts.Flows;
using FlowGrains.Grains.Flows;
using FlowGrains.Grains.Scheduling;
using Microsoft.Extensions.Time.Testing;

namespace FlowGrains.Grains.Tests.Scheduling;

/// <summary>A Scheduled flow's progress through its slots, decided without a cluster.</summary>
public sealed class ScheduleProgressTests
{
    private static readonly DateTimeOffset Activated = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Activated);
    private readonly ScheduleProgress _progress;

    public ScheduleProgressTests() => _progress = new ScheduleProgress(_time);

    private static FlowState Flow(string expression = "rate(1minutes)", string pullMode = "Complete", int threshold = 3) => new()
    {
        Incarnation = "life-1",
        Definition = Infrastructure.Flows.Definition(TriggerType.Scheduled) with
        {
            TriggerConfig = new TriggerConfig(TriggerType.Scheduled, new ScheduledTriggerProperties(expression, pullMode, FlowErrorDeactivationThreshold: threshold)),
        },
        Status = FlowStatus.Active,
        ActivatedAt = Activated,
        LastUpdatedAt = Activated,
    };

    private static ExecutionRecord Ended(ExecutionStatus status, DateTimeOffset pullEnd) =>
        new("run", status, pullEnd, pullEnd, ExecutionResult.Empty, null, pullEnd);

    [Fact]
    public void ARecordedSlot_IsStoredOnlyOnceItIsFiveMinutesPastTheStoredOne()
    {
        var flow = Flow() with { LastSlotAt = Activated };

        var soon = _progress.Handle(flow, Activated.AddMinutes(4), recorded: true);
        var later = _progress.Handle(flow, Activated.AddMinutes(5), recorded: true);
        var passedOver = _progress.Handle(flow, Activated.AddMinutes(1), recorded: false);

        Assert.Null(soon);
        Assert.Equal(Activated.AddMinutes(5), later!.LastSlotAt);
        Assert.Equal(Activated.AddMinutes(1), passedOver!.LastSlotAt);
    }

    [Fact]
    public void ASlotHandledButNotYetStored_StillCountsAsHandled()
    {
        var flow = Flow() with { LastSlotAt = Activated };

        _progress.Handle(flow, Activated.AddMinutes(2), recorded: true);

        Assert.Equal(Activated.AddMinutes(2), _progress.HandledUntil(flow));
        Assert.Equal(Activated.AddMinutes(3), _progress.NextRunAt(flow));
    }

    [Fact]
    public void Activation_StartsAfresh_ForgettingTheSlotsHandledBefore()
    {
        var flow = Flow() with { Status = FlowStatus.Suspended, LastSlotAt = Activated, ConsecutiveFailures = 2 };
        _progress.Handle(flow, Activated.AddMinutes(2), recorded: true);
        var now = Activated.AddHours(1);

        var active = _progress.Activate(flow, now);

        Assert.Equal((FlowStatus.Active, now, (DateTimeOffset?)null, 0), (active.Status, active.ActivatedAt!.Value, active.LastSlotAt, active.ConsecutiveFailures));
        Assert.Equal(now.AddTicks(-1), _progress.HandledUntil(active));
    }

    [Fact]
    public void AnUpdate_StoresTheSlotsHandledHere_AndANewScheduleStartsFromNow()
    {
        var flow = Flow() with { LastSlotAt = Activated };
        _progress.Handle(flow, Activated.AddMinutes(2), recorded: true);
        var sameSchedule = _progress.Update(flow, flow with { LastUpdatedAt = Activated.AddMinutes(3) }, Activated.AddMinutes(3));
        _progress.Handle(flow, Activated.AddMinutes(2), recorded: true);
        var newSchedule = _progress.Update(flow, Flow("rate(5minutes)") with { LastSlotAt = flow.LastSlotAt }, Activated.AddMinutes(3));

        Assert.Equal(Activated.AddMinutes(2), sameSchedule.LastSlotAt);
        Assert.Equal(Activated.AddMinutes(3), newSchedule.LastSlotAt);
    }

    [Fact]
    public void ASuccess_MovesTheIncrementalPullOn_AndClearsTheFailures()
    {
        var flow = Flow(pullMode: "Incremental") with { ConsecutiveFailures = 2 };

        var next = _progress.AfterRun(flow, Ended(ExecutionStatus.Successful, Activated.AddMinutes(1)), resumeFrom: null);

        Assert.Equal((0, Activated.AddMinutes(1)), (next!.ConsecutiveFailures, next.PulledUntil!.Value));
    }

    [Fact]
    public void AFailure_ThatCommittedPartOfItsWindow_MovesThePullToWhereItStopped()
    {
        var flow = Flow(pullMode: "Incremental");

        var next = _progress.AfterRun(flow, Ended(ExecutionStatus.Error, Activated.AddMinutes(10)), resumeFrom: Activated.AddMinutes(4));

        Assert.Equal((1, Activated.AddMinutes(4)), (next!.ConsecutiveFailures, next.PulledUntil!.Value));
    }

    [Fact]
    public void FailuresUpToTheThreshold_SuspendTheFlow_SayingWhy()
    {
        var flow = Flow(threshold: 2) with { ConsecutiveFailures = 1 };
        _time.SetUtcNow(Activated.AddMinutes(7));

        var next = _progress.AfterRun(flow, Ended(ExecutionStatus.Error, Activated.AddMinutes(5)), resumeFrom: null);

        Assert.Equal(FlowStatus.Suspended, next!.Status);
        Assert.Equal("Deactivated after 2 consecutive failed runs; start the flow to activate it again.", next.StatusMessage);
        Assert.Equal(Activated.AddMinutes(7), next.LastUpdatedAt);
    }

    [Fact]
    public void ARunThatChangesNothing_OrOfAnotherTrigger_StoresNothing()
    {
        var onDemand = Flow() with { Definition = Infrastructure.Flows.Definition() };

        Assert.Null(_progress.AfterRun(Flow(), Ended(ExecutionStatus.Successful, Activated), resumeFrom: null));
        Assert.Null(_progress.AfterRun(onDemand, Ended(ExecutionStatus.Error, Activated), resumeFrom: null));
        Assert.Null(_progress.AfterRun(Flow(), Ended(ExecutionStatus.Canceled, Activated), resumeFrom: null));
    }

    [Fact]
    public void ASlotsExecutionId_IsTheSameEverywhere_AndDiffersPerSlotAndLife()
    {
        var flow = Flow();

        var first = ScheduleProgress.SlotExecutionId(flow, Activated);

        Assert.Equal(first, ScheduleProgress.SlotExecutionId(Flow(), Activated));
        Assert.NotEqual(first, ScheduleProgress.SlotExecutionId(flow, Activated.AddMinutes(1)));
        Assert.NotEqual(first, ScheduleProgress.SlotExecutionId(flow with { Incarnation = "life-2" }, Activated));
    }
}
