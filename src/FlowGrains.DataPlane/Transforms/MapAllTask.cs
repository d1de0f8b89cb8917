using System.Text.Json.Nodes;
using static FlowGrains.DataPlane.Transforms.TaskTypes;

namespace FlowGrains.DataPlane.Transforms;

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

    /// <summary>
    /// Produces the output in the input record itself, for a flow whose only output task this is: removing the
    /// excluded fields gives the same record as copying the others, without building a second one.
    /// </summary>
    public JsonObject WriteInPlace(JsonObject input)
    {
        if (excluded.Count > 0)
        {
            for (var i = input.Count - 1; i >= 0; i--)
            {
                if (excluded.Contains(input.GetAt(i).Key))
                {
                    input.RemoveAt(i);
                }
            }
        }

        return input;
    }

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
