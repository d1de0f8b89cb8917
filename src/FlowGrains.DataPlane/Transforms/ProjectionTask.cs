using System.Text.Json.Nodes;

namespace FlowGrains.DataPlane.Transforms;

/// <summary>A Filter task with PROJECTION: only its source fields stay in the record (all projections of a flow together).</summary>
internal sealed class ProjectionTask(IReadOnlyCollection<string> fields) : IRecordStep
{
    public IReadOnlyCollection<string> Fields => fields;

    public static ProjectionTask Compile(TaskReader reader)
    {
        reader.RequireSourceFields(min: 1);
        reader.AllowOnly("a PROJECTION filter");
        return new ProjectionTask(reader.Task.SourceFields);
    }

    public static void Apply(JsonObject record, HashSet<string> keep)
    {
        for (var i = record.Count - 1; i >= 0; i--)
        {
            if (!keep.Contains(record.GetAt(i).Key))
            {
                record.RemoveAt(i);
            }
        }
    }
}
