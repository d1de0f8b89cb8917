using System.Text.Json.Nodes;
using static FlowGrains.Grains.Transforms.TaskTypes;

namespace FlowGrains.Grains.Transforms;

/// <summary>A Map_all task: copies every field but those in EXCLUDE_SOURCE_FIELDS_LIST (a JSON array of names).</summary>
internal sealed class MapAllTask(HashSet<string> excluded) : IRecordOutput
{
    private LaterReads _later = new();

    public IReadOnlyCollection<string>? FieldsRead => null;

    public static MapAllTask Compile(TaskReader reader)
    {
        reader.Operator([NoOp], required: false);
        reader.RequireSourceFields(min: 0, max: 0);
        reader.AllowOnly(reader.TaskName, ExcludeSourceFieldsList);
        var excluded = reader.Property(ExcludeSourceFieldsList) is { } list
            ? TaskReader.JsonStrings(list) ?? throw reader.Invalid(ExcludeSourceFieldsList, "must be a JSON array of field names, e.g. [\"a\",\"b\"].")
            : [];
        return new MapAllTask(new HashSet<string>(excluded, StringComparer.Ordinal));
    }

    public void PlanMoves(LaterReads later) => _later = later.Snapshot();

    public void Write(JsonObject input, JsonObject output, long position)
    {
        var moveAll = _later.IsEmpty;
        for (var i = 0; i < input.Count; i++)
        {
            var (name, node) = input.GetAt(i);
            if (excluded.Contains(name))
            {
                continue;
            }

            if (node is not null && (moveAll || !_later.Contains(name)))
            {
                // Nulling the slot by index detaches the node without a second lookup.
                input.SetAt(i, null);
                output[name] = node;
            }
            else
            {
                output[name] = node?.DeepClone();
            }
        }
    }
}
