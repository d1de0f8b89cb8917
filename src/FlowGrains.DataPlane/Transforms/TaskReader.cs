using System.Globalization;
using System.Text.Json;
using FlowGrains.Contracts.Flows;
using FlowGrains.Errors;

namespace FlowGrains.DataPlane.Transforms;

/// <summary>
/// Reads one task's operator, fields and properties for the task that compiles it; every failure is a
/// validation error naming the exact field (<c>tasks[i].taskProperties.KEY</c> and so on), so validation at
/// create time and compilation at run time share one set of rules.
/// </summary>
internal sealed class TaskReader(FlowTask task, string path)
{
    public const int MaxFieldLength = 256;

    public FlowTask Task => task;

    /// <summary>Where the task sits in the flow, e.g. <c>tasks[2]</c>.</summary>
    public string Path => path;

    /// <summary>"a Map task", "an Arithmetic task": how messages name the task.</summary>
    public string TaskName => WithArticle($"{task.TaskType} task");

    public static string WithArticle(string noun) => $"{("AEIOU".Contains(noun[0]) ? "an" : "a")} {noun}";

    public FlowOperationException Invalid(string key, string rule) =>
        FlowOperationException.Invalid($"{path}.taskProperties.{key}", rule);

    public string? Property(string key) => task.TaskProperties.GetValueOrDefault(key);

    public string RequiredProperty(string key, string operation) =>
        Property(key) ?? throw Invalid(key, $"is required for {operation}.");

    /// <summary>The task's operator, which must be one of <paramref name="supported"/>; null when the task names none.</summary>
    public string? Operator(IReadOnlyList<string> supported, bool required)
    {
        if (task.ConnectorOperator.Count == 0 && !required)
        {
            return null;
        }

        if (task.ConnectorOperator.Count != 1)
        {
            throw FlowOperationException.Invalid($"{path}.connectorOperator", "must name exactly one connector type and its operator.");
        }

        var (connector, op) = task.ConnectorOperator.First();
        if (!supported.Contains(op))
        {
            throw FlowOperationException.Invalid(
                $"{path}.connectorOperator.{connector}",
                $"operator '{op}' is not supported for {TaskName} (supported: {string.Join(", ", supported)}).");
        }

        return op;
    }

    /// <summary>
    /// Refuses properties the task does not use. SOURCE_DATA_TYPE and DESTINATION_DATA_TYPE are accepted on
    /// every task because AppFlow's console writes them everywhere; only Map reads them.
    /// </summary>
    public void AllowOnly(string operation, params string[] keys)
    {
        foreach (var key in task.TaskProperties.Keys)
        {
            if (Array.IndexOf(keys, key) < 0 && key is not (TaskTypes.SourceDataType or TaskTypes.DestinationDataType))
            {
                throw Invalid(key, keys.Length == 0
                    ? $"{operation} takes no task properties."
                    : $"does not apply to {operation} (it takes {string.Join(", ", keys)}).");
            }
        }
    }

    public string SingleSourceField()
    {
        if (task.SourceFields.Length != 1)
        {
            throw FlowOperationException.Invalid($"{path}.sourceFields", $"{TaskName} reads exactly one source field.");
        }

        return task.SourceFields[0];
    }

    public void RequireSourceFields(int min, int max = int.MaxValue)
    {
        if (task.SourceFields.Length < min || task.SourceFields.Length > max)
        {
            var count = min == max ? $"exactly {min}" : max == int.MaxValue ? $"at least {min}" : $"{min}-{max}";
            var noun = max == 1 || (min == 1 && max == int.MaxValue) ? "field" : "fields";
            throw FlowOperationException.Invalid($"{path}.sourceFields", $"{TaskName} needs {count} source {noun}.");
        }
    }

    /// <summary>The destination field, or null when the task names none; required tasks fail without one.</summary>
    public string? DestinationField(bool required)
    {
        if (task.DestinationField is null && required)
        {
            throw FlowOperationException.Invalid($"{path}.destinationField", $"is required for {TaskName}.");
        }

        if (task.DestinationField is { Length: 0 or > MaxFieldLength })
        {
            throw FlowOperationException.Invalid($"{path}.destinationField", $"must be 1-{MaxFieldLength} characters.");
        }

        return task.DestinationField;
    }

    public FieldDataType? DataType(string key)
    {
        if (Property(key) is not { } name)
        {
            return null;
        }

        return FieldDataTypes.TryParse(name, out var type)
            ? type
            : throw Invalid(key, $"'{name}' is not a data type (supported: {FieldDataTypes.SupportedNames}).");
    }

    public TypedValue TypedProperty(string key, string text, FieldDataType type) =>
        TypedValue.TryParse(text, type, out var value)
            ? value
            : throw Invalid(key, $"'{text}' is not a value of type {type.Name()}.");

    /// <summary>A whole-number property of at least <paramref name="min"/>; null when absent.</summary>
    public int? Integer(string key, int min)
    {
        if (Property(key) is not { } text)
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min
            ? value
            : throw Invalid(key, $"must be a whole number of at least {min}.");
    }

    /// <summary>A list of names: a JSON array of strings, or (when it does not start with '[') a comma-separated list.</summary>
    public string[]? NameList(string key)
    {
        if (Property(key) is not { } text)
        {
            return null;
        }

        if (!text.TrimStart().StartsWith('['))
        {
            return Array.ConvertAll(text.Split(','), name => name.Trim());
        }

        return JsonStrings(text) ?? throw Invalid(key, "must be a JSON array of field names, e.g. [\"a\",\"b\"], or a comma-separated list.");
    }

    /// <summary>The strings of a JSON array of strings, or null when the text is not one.</summary>
    public static string[]? JsonStrings(string text)
    {
        try
        {
            return JsonSerializer.Deserialize<string[]>(text) is { } items && Array.TrueForAll(items, item => item is not null) ? items : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
