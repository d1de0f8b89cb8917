using System.Text.Json;
using System.Text.Json.Nodes;
using static FlowGrains.DataPlane.Transforms.TaskTypes;

namespace FlowGrains.DataPlane.Transforms;

/// <summary>
/// A Filter task with a condition operator: records whose field does not satisfy it are dropped.
/// </summary>
/// <remarks>
/// The field is parsed as DATA_TYPE (default string; see <see cref="TypedValue"/> for the rules) and compared
/// with the operands, which were parsed the same way when the flow was saved. A record whose field is missing,
/// null or does not parse as DATA_TYPE never passes, not even NOT_EQUAL_TO. EQUAL_TO and NOT_EQUAL_TO take
/// VALUE or VALUES (a JSON array: any of / none of); the ordering operators take VALUE and need an ordered type
/// (not boolean); BETWEEN takes LOWER_BOUND and UPPER_BOUND, both inclusive; CONTAINS takes VALUE, needs
/// DATA_TYPE string and is an ordinal substring test. Strings order ordinally; dates compare as UTC days,
/// datetimes as instants.
/// </remarks>
internal sealed class FilterCondition : IRecordCheck
{
    private readonly string _field;
    private readonly string _operator;
    private readonly FieldDataType _type;
    private readonly TypedValue[] _operands;

    private FilterCondition(string field, string op, FieldDataType type, TypedValue[] operands)
    {
        _field = field;
        _operator = op;
        _type = type;
        _operands = operands;
    }

    public static FilterCondition Compile(TaskReader reader, string op)
    {
        var field = reader.SingleSourceField();
        var type = reader.DataType(DataType) ?? FieldDataType.String;
        var operation = TaskReader.WithArticle($"{op} filter");
        switch (op)
        {
            case EqualTo or NotEqualTo:
                reader.AllowOnly(operation, DataType, Value, Values);
                var single = reader.Property(Value);
                var list = reader.Property(Values);
                if ((single is null) == (list is null))
                {
                    throw reader.Invalid(single is null ? Value : Values, $"{operation} takes either {Value} or {Values}, not both and not neither.");
                }

                return new(field, op, type, single is not null ? [reader.TypedProperty(Value, single, type)] : ParseValues(reader, list!, type));
            case Between:
                reader.AllowOnly(operation, DataType, LowerBound, UpperBound);
                var lower = reader.TypedProperty(LowerBound, reader.RequiredProperty(LowerBound, operation), type);
                var upper = reader.TypedProperty(UpperBound, reader.RequiredProperty(UpperBound, operation), type);
                if (TypedValue.Compare(lower, upper, type) > 0)
                {
                    throw reader.Invalid(UpperBound, $"must not be less than {LowerBound}.");
                }

                return new(field, op, type, [lower, upper]);
            default:
                reader.AllowOnly(operation, DataType, Value);
                if (op == Contains ? type != FieldDataType.String : type == FieldDataType.Boolean)
                {
                    throw reader.Invalid(DataType, op == Contains
                        ? $"{operation} tests text, so DATA_TYPE must be string."
                        : $"{operation} needs an ordered type (string, integer, double, date or datetime).");
                }

                return new(field, op, type, [reader.TypedProperty(Value, reader.RequiredProperty(Value, operation), type)]);
        }
    }

    /// <summary>The field the condition tests.</summary>
    public string Field => _field;

    public bool Keep(JsonObject record, long position) => record.TryGetPropertyValue(_field, out var node) && Passes(node);

    /// <summary>Whether a record whose field holds <paramref name="node"/> passes.</summary>
    public bool Passes(JsonNode? node)
    {
        if (!TypedValue.TryRead(node, _type, out var value))
        {
            return false;
        }

        return _operator switch
        {
            EqualTo => IsAnyOperand(value),
            NotEqualTo => !IsAnyOperand(value),
            LessThan => Compare(value, 0) < 0,
            GreaterThan => Compare(value, 0) > 0,
            LessThanOrEqualTo => Compare(value, 0) <= 0,
            GreaterThanOrEqualTo => Compare(value, 0) >= 0,
            Between => Compare(value, 0) >= 0 && Compare(value, 1) <= 0,
            _ => value.Text.Contains(_operands[0].Text, StringComparison.Ordinal),
        };
    }

    private int Compare(in TypedValue value, int operand) => TypedValue.Compare(value, _operands[operand], _type);

    private bool IsAnyOperand(in TypedValue value)
    {
        for (var i = 0; i < _operands.Length; i++)
        {
            if (Compare(value, i) == 0)
            {
                return true;
            }
        }

        return false;
    }

    private static TypedValue[] ParseValues(TaskReader reader, string list, FieldDataType type)
    {
        JsonArray? items;
        try
        {
            items = JsonNode.Parse(list) as JsonArray;
        }
        catch (JsonException)
        {
            items = null;
        }

        if (items is null || items.Count == 0)
        {
            throw reader.Invalid(Values, "must be a non-empty JSON array of values, e.g. [\"a\",\"b\"] or [1,2].");
        }

        var operands = new TypedValue[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is not JsonValue item || !TypedValue.TryRead(item, type, out operands[i]))
            {
                throw reader.Invalid(Values, $"item {i} ({items[i]?.ToJsonString() ?? "null"}) is not a value of type {type.Name()}.");
            }
        }

        return operands;
    }
}
