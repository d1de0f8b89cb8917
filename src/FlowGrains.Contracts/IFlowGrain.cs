using System.Collections.Immutable;
using FlowGrains.Contracts.Executions;
using FlowGrains.Contracts.Flows;
using FlowGrains.Contracts.Tags;

namespace FlowGrains.Contracts;

/// <summary>
/// One flow, keyed by its flowName (see <see cref="FlowName"/>). Every operation fails with a
/// <see cref="FlowGrains.Errors.FlowOperationException"/> whose code is the one the HTTP envelope carries.
/// </summary>
public interface IFlowGrain : IGrainWithStringKey, ITaggedResource
{
    /// <summary>Creates the flow. OnDemand flows start Active, Scheduled and Event flows Draft.</summary>
    Task<CreateFlowResult> CreateFlowAsync(CreateFlowRequest request);

    /// <summary>Replaces the flow's definition; a change of trigger type resets the status to that type's initial one.</summary>
    Task<UpdateFlowResult> UpdateFlowAsync(UpdateFlowRequest request);

    /// <summary>Describes the flow, or fails with NotFound.</summary>
    Task<FlowDescription> DescribeFlowAsync();

    /// <summary>The flow's list entry, or null when the flow does not exist.</summary>
    Task<FlowSummary?> GetSummaryAsync();

    /// <summary>Deletes the flow with its run history. Fails with Conflict while a run is in progress unless <paramref name="forceDelete"/>.</summary>
    Task DeleteFlowAsync(bool forceDelete);

    /// <summary>Starts the flow with the idempotency contract of start-flow.md.</summary>
    Task<StartFlowResult> StartFlowAsync(StartFlowRequest request);

    /// <summary>
    /// Runs an active Event flow once for <paramref name="flowEvent"/>. A Draft or Suspended flow fails with
    /// Conflict and nothing is queued; a flow of another trigger type fails with UnsupportedOperation.
    /// </summary>
    Task<StartFlowResult> SendEventAsync(FlowEvent flowEvent);

    /// <summary>Suspends an active Scheduled or Event flow; OnDemand flows fail with UnsupportedOperation.</summary>
    Task<StopFlowResult> StopFlowAsync();

    /// <summary>The flow's runs, newest first, at most <paramref name="maxResults"/> (1–100) per page.</summary>
    Task<ExecutionRecordsPage> DescribeFlowExecutionRecordsAsync(int maxResults, string? nextToken);

    /// <summary>Cancels the given running executions, or all running ones when <paramref name="executionIds"/> is empty.</summary>
    Task<CancelFlowExecutionsResult> CancelFlowExecutionsAsync(ImmutableArray<string> executionIds);
}
