using System.Text.Json.Nodes;
using static FlowGrains.DataPlane.Transforms.TaskTypes;

namespace FlowGrains.DataPlane.Transforms;

/// <summary>
/// An Arithmetic task: writes <c>first OP second</c> to destinationField, the operands taken in the order of
/// MATH_OPERATION_FIELDS_ORDER (a JSON array or comma-separated list naming both source fields; default: the
/// sourceFields order). Operands are JSON numbers or numeric strings (invariant culture). The result is a JSON
/// number, computed in decimal (trailing zeros dropped) and in double when decimal would overflow. A missing,
/// null or non-numeric operand, a division by zero or a result that is not finite writes null.
/// </summary>
internal sealed class ArithmeticTask(string op, string first, string second, string destination) : IRecordOutput
{
    // Dividing by one with 28 decimal places makes decimal drop trailing zeros: 2.50 becomes 2.5.
    private const decimal Normalizer = 1.0000000000000000000000000000m;

    public IReadOnlyCollection<string>? FieldsRead { get; } = [first, second];

    public static ArithmeticTask Compile(TaskReader reader, string op)
    {
        reader.RequireSourceFields(min: 2, max: 2);
        reader.AllowOnly(reader.TaskName, MathOperationFieldsOrder);
        var destination = reader.DestinationField(required: true)!;
        var fields = reader.Task.SourceFields;
        var order = reader.NameList(MathOperationFieldsOrder) ?? [.. fields];
        if (order.Length != 2 || !fields.Contains(order[0]) || !fields.Contains(order[1]) || order[0] == order[1])
        {
            throw reader.Invalid(MathOperationFieldsOrder, $"must name both source fields ({string.Join(", ", fields)}), each once.");
        }

        return new ArithmeticTask(op, order[0], order[1], destination);
    }

    public void PlanMoves(LaterReads later)
    {
    }

    public void Write(JsonObject input, JsonObject output, long position)
    {
        var left = input.TryGetPropertyValue(first, out var a) ? a : null;
        var right = input.TryGetPropertyValue(second, out var b) ? b : null;
        output[destination] = Calculate(left, right);
    }

    private JsonNode? Calculate(JsonNode? left, JsonNode? right)
    {
        if (JsonScalars.TryReadDecimal(left, out var x) && JsonScalars.TryReadDecimal(right, out var y))
        {
            try
            {
                return op == Division && y == 0 ? null : JsonValue.Create(Apply(x, y) / Normalizer);
            }
            catch (OverflowException)
            {
                // Falls through to double, which reaches far beyond decimal's 7.9e28.
            }
        }

        if (!JsonScalars.TryReadDouble(left, out var p) || !JsonScalars.TryReadDouble(right, out var q) || (op == Division && q == 0))
        {
            return null;
        }

        var result = Apply(p, q);
        return double.IsFinite(result) ? JsonValue.Create(result) : null;
    }

    private T Apply<T>(T x, T y) where T : System.Numerics.INumber<T> => op switch
    {
        Addition => x + y,
        Subtraction => x - y,
        Multiplication => x * y,
        _ => x / y,
    };
}
