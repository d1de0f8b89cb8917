using FlowGrains.Connectors.Limits;
using FlowGrains.Contracts.Flows;
using FlowGrains.Errors;
using static FlowGrains.DataPlane.Transforms.TaskTypes;

namespace FlowGrains.DataPlane.Transforms;

/// <summary>
/// Turns a task into the step that runs it, checking every operator and property on the way; validation at
/// create and update time compiles each task and discards the step, so a flow that saves also runs.
/// </summary>
internal static class TaskCompiler
{
    /// <param name="task">A task whose shape (non-null parts, field lengths) is already checked.</param>
    /// <param name="path">Where the task sits, e.g. <c>tasks[2]</c>, for error messages.</param>
    /// <param name="limits">The size limits a running step keeps to; the defaults when only validating.</param>
    public static IRecordStep Compile(FlowTask task, string path, LimitsOptions? limits = null)
    {
        var reader = new TaskReader(task, path);
        return task.TaskType switch
        {
            Filter => CompileFilter(reader),
            Map => MapTask.Compile(reader),
            MapAll => MapAllTask.Compile(reader),
            Merge => MergeTask.Compile(reader, (limits ?? new LimitsOptions()).MaxMergeOutputChars),
            Arithmetic => ArithmeticTask.Compile(reader, reader.Operator(ArithmeticOperators, required: true)!),
            Mask => MaskTask.Compile(reader, reader.Operator(MaskOperators, required: true)!),
            Truncate => TruncateTask.Compile(reader),
            Validate => ValidateTask.Compile(reader, reader.Operator(ValidateOperators, required: true)!),
            Passthrough => PassthroughTask.Compile(reader),
            _ => throw FlowOperationException.Invalid(
                $"{path}.taskType",
                $"'{task.TaskType}' is not supported (supported: {string.Join(", ", Supported)})."),
        };
    }

    private static IRecordStep CompileFilter(TaskReader reader)
    {
        var op = reader.Operator(FilterOperators, required: true)!;
        return op == Projection ? ProjectionTask.Compile(reader) : FilterCondition.Compile(reader, op);
    }
}
