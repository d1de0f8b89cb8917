using System.Text.Json.Nodes;
using FlowGrains.Contracts.Flows;

namespace FlowGrains.Grains.Transforms;

/// <summary>
/// Applies a flow's tasks to each record. Projection filters keep only the listed source fields. If the
/// flow has Map, Map_all or Passthrough tasks, the output record holds exactly what they produce;
/// otherwise the (projected) input passes through whole.
/// </summary>
internal sealed class RecordTransformer
{
    private readonly HashSet<string>? _projection;
    private readonly List<Action<JsonObject, JsonObject>> _outputs = [];

    public RecordTransformer(IEnumerable<FlowTask> tasks)
    {
        foreach (var task in tasks)
        {
            switch (task.TaskType)
            {
                case TaskTypes.Filter:
                    _projection ??= new HashSet<string>(StringComparer.Ordinal);
                    _projection.UnionWith(task.SourceFields);
                    break;
                case TaskTypes.Map:
                    var source = task.SourceFields[0];
                    var destination = string.IsNullOrEmpty(task.DestinationField) ? source : task.DestinationField;
                    _outputs.Add((input, output) => Copy(input, source, output, destination));
                    break;
                case TaskTypes.MapAll:
                    var excluded = task.TaskProperties.TryGetValue(TaskTypes.ExcludeSourceFieldsList, out var list)
                        ? new HashSet<string>(FlowTaskValidator.ExcludedFields(list) ?? [], StringComparer.Ordinal)
                        : [];
                    _outputs.Add((input, output) =>
                    {
                        foreach (var (name, _) in input)
                        {
                            if (!excluded.Contains(name))
                            {
                                Copy(input, name, output, name);
                            }
                        }
                    });
                    break;
                case TaskTypes.Passthrough:
                    var fields = task.SourceFields.ToArray();
                    _outputs.Add((input, output) =>
                    {
                        foreach (var name in fields)
                        {
                            Copy(input, name, output, name);
                        }
                    });
                    break;
                default:
                    throw new InvalidOperationException($"Task type '{task.TaskType}' passed validation but has no implementation.");
            }
        }
    }

    public JsonObject Apply(JsonObject input)
    {
        if (_projection is not null)
        {
            foreach (var name in input.Select(field => field.Key).Where(name => !_projection.Contains(name)).ToList())
            {
                input.Remove(name);
            }
        }

        if (_outputs.Count == 0)
        {
            return input;
        }

        var output = new JsonObject();
        foreach (var produce in _outputs)
        {
            produce(input, output);
        }

        return output;
    }

    private static void Copy(JsonObject input, string source, JsonObject output, string destination)
    {
        if (input.TryGetPropertyValue(source, out var value))
        {
            output[destination] = value?.DeepClone();
        }
    }
}
