using FlowGrains.Contracts.Flows;
using FlowGrains.Errors;

namespace FlowGrains.DataPlane.Transforms;

/// <summary>Checks tasks when a flow is created or updated, so no task fails for a reason known up front.</summary>
internal static class FlowTaskValidator
{
    private const int MaxValueLength = 2048;

    public static void Validate(IReadOnlyList<FlowTask> tasks) => Validate(tasks, declaredSourceFields: null);

    /// <summary>
    /// Checks every task's shape, operator and properties. When <paramref name="declaredSourceFields"/> is
    /// given, every source field a task reads must be one of them (Map_all reads none by name).
    /// </summary>
    public static void Validate(IReadOnlyList<FlowTask> tasks, IReadOnlySet<string>? declaredSourceFields)
    {
        for (var i = 0; i < tasks.Count; i++)
        {
            var path = $"tasks[{i}]";
            ValidateShape(tasks[i], path);
            TaskCompiler.Compile(tasks[i], path);
            if (declaredSourceFields is not null)
            {
                ValidateDeclared(tasks[i], path, declaredSourceFields);
            }
        }
    }

    private static void ValidateShape(FlowTask task, string path)
    {
        if (task is null || task.TaskType is null || task.SourceFields.IsDefault || task.ConnectorOperator is null || task.TaskProperties is null)
        {
            throw FlowOperationException.Invalid(path, "must have a taskType, sourceFields, connectorOperator and taskProperties.");
        }

        foreach (var (name, value) in task.ConnectorOperator.Concat(task.TaskProperties))
        {
            if (value is null || value.Length > MaxValueLength)
            {
                throw FlowOperationException.Invalid(
                    $"{path}.{(task.TaskProperties.ContainsKey(name) ? "taskProperties" : "connectorOperator")}.{name}",
                    $"must be a string of at most {MaxValueLength} characters.");
            }
        }

        for (var f = 0; f < task.SourceFields.Length; f++)
        {
            if (string.IsNullOrEmpty(task.SourceFields[f]) || task.SourceFields[f].Length > TaskReader.MaxFieldLength)
            {
                throw FlowOperationException.Invalid($"{path}.sourceFields[{f}]", $"must be 1-{TaskReader.MaxFieldLength} characters.");
            }
        }
    }

    private static void ValidateDeclared(FlowTask task, string path, IReadOnlySet<string> declared)
    {
        for (var f = 0; f < task.SourceFields.Length; f++)
        {
            if (!declared.Contains(task.SourceFields[f]))
            {
                var fields = declared.Order(StringComparer.Ordinal);
                throw FlowOperationException.Invalid(
                    $"{path}.sourceFields[{f}]",
                    $"'{task.SourceFields[f]}' is not a field of the source (fields: {string.Join(", ", fields)}).");
            }
        }
    }
}
