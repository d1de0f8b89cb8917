using FlowGrains.Connectors.Batches;

namespace FlowGrains.DataPlane.Transforms;

/// <summary>
/// A flow's tasks applied to a typed batch without making its records: condition filters select rows, and Maps that
/// copy a field as it is pass its column on under the destination name, so no value is copied. It exists only for
/// flows whose tasks are all of these two kinds (see <see cref="Of"/>); it gives the records the JSON path would:
/// each filter tests the value's record form, and a later Map to the same field replaces the earlier in place.
/// </summary>
internal sealed class ColumnPlan
{
    private readonly FilterCondition[] _filters;
    private readonly MapTask[] _maps;

    private ColumnPlan(FilterCondition[] filters, MapTask[] maps) => (_filters, _maps) = (filters, maps);

    /// <summary>The plan for these compiled steps, or null when one of them is neither a condition filter nor a copying Map.</summary>
    public static ColumnPlan? Of(IRecordCheck[] checks, IRecordOutput[] outputs)
    {
        var filters = checks.OfType<FilterCondition>().ToArray();
        var maps = outputs.OfType<MapTask>().Where(map => map.Copies).ToArray();
        return filters.Length == checks.Length && maps.Length == outputs.Length ? new ColumnPlan(filters, maps) : null;
    }

    /// <summary>The output batch for <paramref name="input"/>.</summary>
    public ColumnBatch Apply(ColumnBatch input)
    {
        var kept = Filter(input);
        if (_maps.Length == 0)
        {
            return kept;
        }

        var names = new List<string>(_maps.Length);
        var columns = new List<Column>(_maps.Length);
        foreach (var map in _maps)
        {
            if (input.Find(map.Source) is not { } column)
            {
                continue;
            }

            var at = names.IndexOf(map.Destination);
            if (at >= 0)
            {
                columns[at] = column;
            }
            else
            {
                names.Add(map.Destination);
                columns.Add(column);
            }
        }

        return kept.With(names, columns);
    }

    private ColumnBatch Filter(ColumnBatch input)
    {
        if (_filters.Length == 0)
        {
            return input;
        }

        var tested = Array.ConvertAll(_filters, filter => input.Find(filter.Field));
        var kept = new int[input.Count];
        var count = 0;
        for (var record = 0; record < input.Count; record++)
        {
            if (Passes(tested, input.Row(record)))
            {
                kept[count++] = record;
            }
        }

        return count == input.Count ? input : input.Select(kept, count);
    }

    // A record without the field never passes, as on the JSON path.
    private bool Passes(Column?[] tested, int row)
    {
        for (var i = 0; i < _filters.Length; i++)
        {
            if (tested[i] is not { } column || !_filters[i].Passes(column.ToNode(row)))
            {
                return false;
            }
        }

        return true;
    }
}
