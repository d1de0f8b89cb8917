namespace FlowGrains.Connectors.Postgres;

/// <summary>
/// Consecutive records of a batch that have the same table columns: from <see cref="Start"/>, <see cref="Count"/>
/// records, written straight into the table or through the staging table (<see cref="Staged"/>).
/// </summary>
internal sealed class BatchSegment(int start, bool[] present, IReadOnlyList<TableColumn> columns, bool staged)
{
    public int Start { get; } = start;

    public int Count { get; set; } = 1;

    public IReadOnlyList<TableColumn> Columns { get; } = columns;

    public bool Staged { get; } = staged;

    /// <summary>Whether a record with these columns present belongs to this segment.</summary>
    public bool Has(bool[] columnsPresent) => columnsPresent.AsSpan().SequenceEqual(present);
}
