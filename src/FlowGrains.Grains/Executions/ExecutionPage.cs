using FlowGrains.Grains.Tokens;
using FlowGrains.Contracts.Executions;

namespace FlowGrains.Grains.Executions;

/// <summary>One stored page of a flow's run records, oldest first; a page holds at most <see cref="ExecutionHistory.PageSize"/>.</summary>
[GenerateSerializer, Alias("FlowGrains.ExecutionPage")]
public sealed class ExecutionPage
{
    /// <summary>The records of this page, oldest first.</summary>
    [Id(0)]
    public List<ExecutionRecord> Records { get; set; } = [];

    /// <summary>The clientTokens that started runs on this page, in the order they were accepted.</summary>
    [Id(1)]
    public List<TokenExpiry> Tokens { get; set; } = [];
}
