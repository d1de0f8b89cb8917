using System.Text.Json.Nodes;

namespace FlowGrains.DataPlane.Transforms;

/// <summary>A compiled task; <see cref="TaskCompiler"/> makes one of the kinds below from each task.</summary>
internal interface IRecordStep;

/// <summary>A task that decides whether a record survives (condition filters, validations).</summary>
internal interface IRecordCheck : IRecordStep
{
    /// <summary>False drops the record; <paramref name="position"/> is its 1-based place in the run, for messages.</summary>
    bool Keep(JsonObject record, long position);
}

/// <summary>A task that changes the record in place before output is built (Mask, Truncate).</summary>
internal interface IRecordEdit : IRecordStep
{
    void Edit(JsonObject record);
}

/// <summary>A task that writes fields of the output record (Map, Map_all, Passthrough, Merge, Arithmetic).</summary>
internal interface IRecordOutput : IRecordStep
{
    /// <summary>The input fields it reads; null when it reads them all.</summary>
    IReadOnlyCollection<string>? FieldsRead { get; }

    /// <summary>
    /// Tells the task which fields later output tasks still read, so it may move the other nodes from the
    /// input to the output instead of copying them (the input record is not used after the transform).
    /// </summary>
    void PlanMoves(LaterReads later);

    void Write(JsonObject input, JsonObject output, long position);
}
