using System.Text.Json;
using FlowGrains.Contracts.Errors;
using FlowGrains.Contracts.Flows;

namespace FlowGrains.Grains.Transforms;

/// <summary>Checks tasks when a flow is created or updated, so no task fails for a reason known up front.</summary>
internal static class FlowTaskValidator
{
    public const int MaxTasks = 1000;
    private const int MaxFieldLength = 256;

    public static void Validate(IReadOnlyList<FlowTask> tasks)
    {
        if (tasks.Count > MaxTasks)
        {
            throw FlowOperationException.Invalid("tasks", $"at most {MaxTasks} tasks are allowed.");
        }

        for (var i = 0; i < tasks.Count; i++)
        {
            ValidateTask(tasks[i], $"tasks[{i}]");
        }
    }

    /// <summary>Every field a task reads must be one the source declares.</summary>
    public static void ValidateSourceFields(IReadOnlyList<FlowTask> tasks, IReadOnlySet<string> declared)
    {
        for (var i = 0; i < tasks.Count; i++)
        {
            for (var f = 0; f < tasks[i].SourceFields.Length; f++)
            {
                if (!declared.Contains(tasks[i].SourceFields[f]))
                {
                    throw FlowOperationException.Invalid(
                        $"tasks[{i}].sourceFields[{f}]",
                        $"'{tasks[i].SourceFields[f]}' is not a field of the source (fields: {string.Join(", ", declared.Order(StringComparer.Ordinal))}).");
                }
            }
        }
    }

    private static void ValidateTask(FlowTask task, string path)
    {
        if (task is null || task.TaskType is null || task.SourceFields.IsDefault || task.ConnectorOperator is null || task.TaskProperties is null)
        {
            throw FlowOperationException.Invalid(path, "must have a taskType, sourceFields, connectorOperator and taskProperties.");
        }

        foreach (var (name, value) in task.ConnectorOperator.Concat(task.TaskProperties))
        {
            if (value is null || value.Length > 2048)
            {
                throw FlowOperationException.Invalid($"{path}.{(task.TaskProperties.ContainsKey(name) ? "taskProperties" : "connectorOperator")}.{name}", "must be a string of at most 2048 characters.");
            }
        }

        for (var f = 0; f < task.SourceFields.Length; f++)
        {
            if (string.IsNullOrEmpty(task.SourceFields[f]) || task.SourceFields[f].Length > MaxFieldLength)
            {
                throw FlowOperationException.Invalid($"{path}.sourceFields[{f}]", $"must be 1-{MaxFieldLength} characters.");
            }
        }

        switch (task.TaskType)
        {
            case TaskTypes.Filter:
                RequireOperator(task, path, TaskTypes.Projection);
                RequireSourceFields(task, path, min: 1);
                break;
            case TaskTypes.Map:
                RequireOperator(task, path, TaskTypes.NoOp, optional: true);
                if (task.SourceFields.Length != 1)
                {
                    throw FlowOperationException.Invalid($"{path}.sourceFields", "a Map task maps exactly one source field.");
                }

                if (task.DestinationField is { Length: 0 or > MaxFieldLength })
                {
                    throw FlowOperationException.Invalid($"{path}.destinationField", $"must be 1-{MaxFieldLength} characters.");
                }

                break;
            case TaskTypes.MapAll:
                RequireOperator(task, path, TaskTypes.NoOp, optional: true);
                if (task.SourceFields.Length != 0)
                {
                    throw FlowOperationException.Invalid($"{path}.sourceFields", "must be empty for a Map_all task.");
                }

                ValidateExcludeList(task, path);
                break;
            case TaskTypes.Passthrough:
                RequireSourceFields(task, path, min: 1);
                break;
            default:
                throw FlowOperationException.Invalid(
                    $"{path}.taskType",
                    $"'{task.TaskType}' is not supported (supported: {string.Join(", ", TaskTypes.Supported)}).");
        }
    }

    private static void RequireSourceFields(FlowTask task, string path, int min)
    {
        if (task.SourceFields.Length < min)
        {
            throw FlowOperationException.Invalid($"{path}.sourceFields", $"a {task.TaskType} task needs at least {min} source field.");
        }
    }

    private static void RequireOperator(FlowTask task, string path, string expected, bool optional = false)
    {
        if (task.ConnectorOperator.Count == 0 && optional)
        {
            return;
        }

        if (task.ConnectorOperator.Count != 1)
        {
            throw FlowOperationException.Invalid($"{path}.connectorOperator", "must name exactly one connector type and its operator.");
        }

        var (connector, op) = task.ConnectorOperator.First();
        if (op != expected)
        {
            throw FlowOperationException.Invalid(
                $"{path}.connectorOperator.{connector}",
                $"operator '{op}' is not supported for a {task.TaskType} task (expected {expected}).");
        }
    }

    private static void ValidateExcludeList(FlowTask task, string path)
    {
        if (task.TaskProperties.TryGetValue(TaskTypes.ExcludeSourceFieldsList, out var list) && ExcludedFields(list) is null)
        {
            throw FlowOperationException.Invalid(
                $"{path}.taskProperties.{TaskTypes.ExcludeSourceFieldsList}",
                "must be a JSON array of field names, e.g. [\"a\",\"b\"].");
        }
    }

    /// <summary>The fields of an EXCLUDE_SOURCE_FIELDS_LIST value (a JSON array of strings), or null when it is not one.</summary>
    public static string[]? ExcludedFields(string value)
    {
        try
        {
            return JsonSerializer.Deserialize<string[]>(value) is { } fields && fields.All(f => f is not null) ? fields : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
