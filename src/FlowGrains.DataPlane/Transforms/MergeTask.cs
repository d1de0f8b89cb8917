using System.Text;
using System.Text.Json.Nodes;
using FlowGrains.Connectors.Limits;
using static FlowGrains.DataPlane.Transforms.TaskTypes;

namespace FlowGrains.DataPlane.Transforms;

/// <summary>
/// A Merge task: writes CONCAT_FORMAT to destinationField with each <c>${field}</c> replaced by that source
/// field's value (strings as they are, other values as their JSON text, missing or null as the empty string).
/// Without CONCAT_FORMAT the source fields' values are joined with nothing between them. A '$' that does not
/// open a placeholder is literal. An output longer than the limit stops the run: a format that repeats a large
/// field could otherwise multiply a record's size.
/// </summary>
internal sealed class MergeTask : IRecordOutput
{
    private readonly string _destination;
    private readonly string[] _literals;
    private readonly string[] _fields;
    private readonly string _path;
    private readonly int _maxChars;

    // The transformer serves one run at a time, so one builder serves every record.
    private readonly StringBuilder _builder = new();

    /// <summary>The format as literal text followed by a field name, pair by pair; the last literal has no field.</summary>
    private MergeTask(TaskReader reader, int maxChars, string destination, string[] literals, string[] fields)
    {
        _path = reader.Path;
        _maxChars = maxChars;
        _destination = destination;
        _literals = literals;
        _fields = fields;
        FieldsRead = fields;
    }

    public IReadOnlyCollection<string>? FieldsRead { get; }

    public static MergeTask Compile(TaskReader reader, int maxChars)
    {
        reader.Operator([NoOp], required: false);
        reader.RequireSourceFields(min: 2);
        reader.AllowOnly(reader.TaskName, ConcatFormat);
        var destination = reader.DestinationField(required: true)!;
        var sourceFields = reader.Task.SourceFields;
        if (reader.Property(ConcatFormat) is not { } format)
        {
            return new MergeTask(reader, maxChars, destination, [.. Enumerable.Repeat("", sourceFields.Length + 1)], [.. sourceFields]);
        }

        var literals = new List<string>();
        var fields = new List<string>();
        var start = 0;
        for (var open = format.IndexOf("${", StringComparison.Ordinal); open >= 0; open = format.IndexOf("${", start, StringComparison.Ordinal))
        {
            var close = format.IndexOf('}', open + 2);
            if (close < 0)
            {
                throw reader.Invalid(ConcatFormat, $"the placeholder at position {open} has no closing '}}'.");
            }

            var field = format[(open + 2)..close];
            if (!sourceFields.Contains(field))
            {
                throw reader.Invalid(ConcatFormat, $"placeholder '${{{field}}}' names no source field (sourceFields: {string.Join(", ", sourceFields)}).");
            }

            literals.Add(format[start..open]);
            fields.Add(field);
            start = close + 1;
        }

        literals.Add(format[start..]);
        return new MergeTask(reader, maxChars, destination, [.. literals], [.. fields]);
    }

    public void PlanMoves(LaterReads later)
    {
    }

    public void Write(JsonObject input, JsonObject output, long position)
    {
        _builder.Clear();
        for (var i = 0; i < _fields.Length; i++)
        {
            _builder.Append(_literals[i]);
            if (input.TryGetPropertyValue(_fields[i], out var node))
            {
                _builder.Append(JsonScalars.TextOf(node));
            }

            CheckLength(position);
        }

        _builder.Append(_literals[^1]);
        CheckLength(position);
        output[_destination] = _builder.ToString();
    }

    private void CheckLength(long position)
    {
        if (_builder.Length > _maxChars)
        {
            throw RunLimitExceededException.Of(
                $"The output of the Merge task {_path} for record {position}", _maxChars, "characters", nameof(LimitsOptions.MaxMergeOutputChars));
        }
    }
}
