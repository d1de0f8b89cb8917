using System.Text.Json.Nodes;

namespace FlowGrains.Connectors.Batches;

/// <summary>
/// One field's values for the rows of a <see cref="ColumnBatch"/>, stored unboxed. A column never changes once
/// its batch is handed on, so tasks and batches may share it.
/// </summary>
public abstract class Column
{
    private protected Column(int capacity) => Nulls = new bool[capacity];

    /// <summary>Which rows hold null.</summary>
    public bool[] Nulls { get; private protected set; }

    /// <summary>How many rows the column holds.</summary>
    public int Count { get; private protected set; }

    /// <summary>Whether the column's values can be JSON objects or arrays (which the record limit measures node by node).</summary>
    public abstract bool HoldsTrees { get; }

    /// <summary>The value of <paramref name="row"/> exactly as a record of the schema-less path holds it (a fresh node each call).</summary>
    public abstract JsonNode? ToNode(int row);

    /// <summary>
    /// The value's size as the record limit counts it: text by its length, other scalars as 8, null as 0.
    /// Only for columns that do not hold trees.
    /// </summary>
    public abstract long ScalarSize(int row);
}

/// <summary>A column of <typeparamref name="T"/> values, with how each becomes a JSON node and how long its text is.</summary>
/// <param name="capacity">The most rows it will hold.</param>
/// <param name="toNode">The JSON node a value is in the record form.</param>
/// <param name="textLength">The length of the value's JSON string, or -1 when it becomes a number or boolean.</param>
/// <param name="holdsTrees">Whether <paramref name="toNode"/> can make objects or arrays.</param>
public sealed class Column<T>(int capacity, Func<T, JsonNode?> toNode, Func<T, int> textLength, bool holdsTrees = false) : Column(capacity)
{
    private const int NonTextSize = 8;

    /// <summary>The values; a null row holds default.</summary>
    public T[] Values { get; } = new T[capacity];

    /// <inheritdoc />
    public override bool HoldsTrees => holdsTrees;

    /// <summary>Appends a value.</summary>
    public void Add(T value) => Values[Count++] = value;

    /// <summary>Appends a null.</summary>
    public void AddNull() => Nulls[Count++] = true;

    /// <inheritdoc />
    public override JsonNode? ToNode(int row) => Nulls[row] ? null : toNode(Values[row]);

    /// <inheritdoc />
    public override long ScalarSize(int row)
    {
        if (Nulls[row])
        {
            return 0;
        }

        var length = textLength(Values[row]);
        return length < 0 ? NonTextSize : length;
    }
}
