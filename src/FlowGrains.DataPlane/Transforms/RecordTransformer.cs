using System.Text.Json.Nodes;
using FlowGrains.Connectors.Limits;
using FlowGrains.Contracts.Flows;

namespace FlowGrains.DataPlane.Transforms;

/// <summary>
/// Applies a flow's tasks to each record, in this order:
/// <list type="number">
/// <item>Condition filters and Validate tasks, in task order, decide whether the record survives (all must
/// pass: several filters AND together). The first that fails drops the record, or stops the run for a Validate
/// task with TerminateFlow; tasks after it do not see the record.</item>
/// <item>PROJECTION filters keep only their source fields (the union of all of them).</item>
/// <item>Mask and Truncate change their field in place, in task order, or write the result to their
/// destinationField; they run after projection, so a field they write is kept.</item>
/// <item>If the flow has Map, Map_all, Passthrough, Merge or Arithmetic tasks, the output record holds exactly
/// what they write, in task order; otherwise the record from the steps above is the output.</item>
/// </list>
/// Every step is compiled once in the constructor. One instance serves one run at a time (it is not
/// thread-safe), and <see cref="Apply"/> may take nodes out of the input record rather than copy them.
/// </summary>
internal sealed class RecordTransformer
{
    private readonly IRecordCheck[] _checks;
    private readonly HashSet<string>? _projection;
    private readonly IRecordEdit[] _edits;
    private readonly IRecordOutput[] _outputs;

    /// <param name="tasks">Tasks that passed <see cref="FlowTaskValidator"/>.</param>
    /// <param name="limits">The size limits the tasks keep to (the defaults when null).</param>
    public RecordTransformer(IEnumerable<FlowTask> tasks, LimitsOptions? limits = null)
    {
        var checks = new List<IRecordCheck>();
        var edits = new List<IRecordEdit>();
        var outputs = new List<IRecordOutput>();
        var index = 0;
        foreach (var task in tasks)
        {
            switch (TaskCompiler.Compile(task, $"tasks[{index++}]", limits))
            {
                case IRecordCheck check:
                    checks.Add(check);
                    break;
                case ProjectionTask projection:
                    _projection ??= new HashSet<string>(StringComparer.Ordinal);
                    _projection.UnionWith(projection.Fields);
                    break;
                case IRecordEdit edit:
                    edits.Add(edit);
                    break;
                case IRecordOutput output:
                    outputs.Add(output);
                    break;
            }
        }

        var later = new LaterReads();
        for (var i = outputs.Count - 1; i >= 0; i--)
        {
            outputs[i].PlanMoves(later);
            later.Add(outputs[i].FieldsRead);
        }

        _checks = [.. checks];
        _edits = [.. edits];
        _outputs = [.. outputs];
        Columnar = _projection is null && _edits.Length == 0 ? ColumnPlan.Of(_checks, _outputs) : null;
    }

    /// <summary>The same tasks over typed batches, or null when some task runs only on JSON records.</summary>
    public ColumnPlan? Columnar { get; }

    /// <summary>
    /// The output record for <paramref name="input"/>, or null when a task drops it.
    /// <paramref name="position"/> is the record's 1-based place in the run, used in error messages.
    /// </summary>
    /// <exception cref="TaskTerminatedFlowException">A task stopped the run at this record.</exception>
    public JsonObject? Apply(JsonObject input, long position)
    {
        foreach (var check in _checks)
        {
            if (!check.Keep(input, position))
            {
                return null;
            }
        }

        if (_projection is not null)
        {
            ProjectionTask.Apply(input, _projection);
        }

        foreach (var edit in _edits)
        {
            edit.Edit(input);
        }

        switch (_outputs)
        {
            case []:
                return input;
            case [MapAllTask only]:
                return only.WriteInPlace(input);
        }

        var output = new JsonObject();
        foreach (var produce in _outputs)
        {
            produce.Write(input, output, position);
        }

        return output;
    }
}
