using System.Text.Json.Nodes;
using static FlowGrains.DataPlane.Transforms.TaskTypes;

namespace FlowGrains.DataPlane.Transforms;

/// <summary>
/// A Validate task: a record whose field fails the check is dropped (VALIDATION_ACTION DropRecord) or stops
/// the run (TerminateFlow, with <see cref="TaskTerminatedFlowException"/>).
/// </summary>
/// <remarks>
/// Each operator checks one thing, so they combine: VALIDATE_NON_NULL fails a missing or null field (an empty
/// string passes); VALIDATE_NUMERIC fails a present value that is neither a JSON number nor a numeric string;
/// VALIDATE_NON_ZERO and VALIDATE_NON_NEGATIVE fail a numeric value that is zero or negative. Missing and null
/// values pass every check but VALIDATE_NON_NULL.
/// </remarks>
internal sealed class ValidateTask(string path, string field, string op, bool terminate) : IRecordCheck
{
    public const string DropRecord = "DropRecord";
    public const string TerminateFlow = "TerminateFlow";

    public static ValidateTask Compile(TaskReader reader, string op)
    {
        var field = reader.SingleSourceField();
        var operation = $"a {op} validation";
        reader.AllowOnly(operation, ValidationAction);
        var action = reader.RequiredProperty(ValidationAction, operation);
        var terminate = action.Equals(TerminateFlow, StringComparison.OrdinalIgnoreCase);
        if (!terminate && !action.Equals(DropRecord, StringComparison.OrdinalIgnoreCase))
        {
            throw reader.Invalid(ValidationAction, $"'{action}' is not an action (supported: {DropRecord}, {TerminateFlow}).");
        }

        return new ValidateTask(reader.Path, field, op, terminate);
    }

    public bool Keep(JsonObject record, long position)
    {
        if (Passes(record.TryGetPropertyValue(field, out var node) ? node : null))
        {
            return true;
        }

        return terminate
            ? throw new TaskTerminatedFlowException($"Validate task {path} ({op}) failed on record {position}, field '{field}'.")
            : false;
    }

    private bool Passes(JsonNode? node)
    {
        if (op == ValidateNonNull || node is null)
        {
            // Only VALIDATE_NON_NULL looks at missing and null values; the numeric checks let them pass.
            return op != ValidateNonNull || node is not null;
        }

        var numeric = JsonScalars.TryReadSign(node, out var sign);
        return op switch
        {
            ValidateNumeric => numeric,
            ValidateNonZero => !numeric || sign != 0,
            _ => !numeric || sign >= 0,
        };
    }
}
