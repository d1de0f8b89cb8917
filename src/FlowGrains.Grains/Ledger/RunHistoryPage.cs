using System.Collections.Immutable;
using FlowGrains.Contracts.Executions;

namespace FlowGrains.Grains.Ledger;

/// <summary>Runs newest first; <see cref="Next"/> is the sequence to read before for older ones, null at the end.</summary>
public sealed record RunHistoryPage(ImmutableArray<ExecutionRecord> Records, long? Next);
