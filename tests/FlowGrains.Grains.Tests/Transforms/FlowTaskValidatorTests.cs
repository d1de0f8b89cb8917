using System.Collections.Immutable;
using FlowGrains.Contracts.Flows;
using FlowGrains.DataPlane.Transforms;
using FlowGrains.Errors;
using static FlowGrains.Grains.Tests.Transforms.TaskFactory;

namespace FlowGrains.Grains.Tests.Transforms;

/// <summary>Create-time checks of every operator and property; each error names the exact field.</summary>
public sealed class FlowTaskValidatorTests
{
    private static FlowOperationException Rejected(params FlowTask[] tasks) =>
        Assert.Throws<FlowOperationException>(() => FlowTaskValidator.Validate(tasks));

    private static (string, string) P(string key, string value) => (key, value);

    public static TheoryData<string, FlowTask> InvalidTasks => new()
    {
        { "tasks[0].taskType: 'Pivot' is not supported (supported: Filter, Map, Map_all, Merge, Arithmetic, Mask, Truncate, Validate, Passthrough).", Task("Pivot", ["a"]) },
        { "tasks[0].connectorOperator.Test: operator 'LIKE' is not supported for a Filter task (supported: PROJECTION, EQUAL_TO, NOT_EQUAL_TO, LESS_THAN, GREATER_THAN, LESS_THAN_OR_EQUAL_TO, GREATER_THAN_OR_EQUAL_TO, CONTAINS, BETWEEN).", Task("Filter", ["a"], "LIKE") },
        { "tasks[0].connectorOperator: must name exactly one connector type and its operator.", Task("Filter", ["a"]) },
        { "tasks[0].sourceFields: a Filter task reads exactly one source field.", Task("Filter", ["a", "b"], "EQUAL_TO", properties: P("VALUE", "x")) },
        { "tasks[0].sourceFields: a Filter task needs at least 1 source field.", Task("Filter", [], "PROJECTION") },
        { "tasks[0].taskProperties.VALUE: a PROJECTION filter takes no task properties.", Task("Filter", ["a"], "PROJECTION", properties: P("VALUE", "x")) },
        { "tasks[0].taskProperties.DATA_TYPE: 'money' is not a data type (supported: string, integer, double, boolean, date, datetime).", Task("Filter", ["a"], "EQUAL_TO", properties: [P("DATA_TYPE", "money"), P("VALUE", "1")]) },
        { "tasks[0].taskProperties.VALUE: 'abc' is not a value of type integer.", Task("Filter", ["a"], "EQUAL_TO", properties: [P("DATA_TYPE", "integer"), P("VALUE", "abc")]) },
        { "tasks[0].taskProperties.VALUE: '1.5' is not a value of type integer.", Task("Filter", ["a"], "LESS_THAN", properties: [P("DATA_TYPE", "int"), P("VALUE", "1.5")]) },
        { "tasks[0].taskProperties.VALUE: '1,5' is not a value of type double.", Task("Filter", ["a"], "GREATER_THAN", properties: [P("DATA_TYPE", "double"), P("VALUE", "1,5")]) },
        { "tasks[0].taskProperties.VALUE: 'NaN' is not a value of type double.", Task("Filter", ["a"], "GREATER_THAN", properties: [P("DATA_TYPE", "double"), P("VALUE", "NaN")]) },
        { "tasks[0].taskProperties.VALUE: 'yes' is not a value of type boolean.", Task("Filter", ["a"], "EQUAL_TO", properties: [P("DATA_TYPE", "boolean"), P("VALUE", "yes")]) },
        { "tasks[0].taskProperties.VALUE: 'yesterday' is not a value of type date.", Task("Filter", ["a"], "EQUAL_TO", properties: [P("DATA_TYPE", "date"), P("VALUE", "yesterday")]) },
        { "tasks[0].taskProperties.VALUE: '2024-13-01T00:00:00Z' is not a value of type datetime.", Task("Filter", ["a"], "LESS_THAN", properties: [P("DATA_TYPE", "datetime"), P("VALUE", "2024-13-01T00:00:00Z")]) },
        { "tasks[0].taskProperties.VALUE: an EQUAL_TO filter takes either VALUE or VALUES, not both and not neither.", Task("Filter", ["a"], "EQUAL_TO") },
        { "tasks[0].taskProperties.VALUES: a NOT_EQUAL_TO filter takes either VALUE or VALUES, not both and not neither.", Task("Filter", ["a"], "NOT_EQUAL_TO", properties: [P("VALUE", "a"), P("VALUES", "[\"b\"]")]) },
        { "tasks[0].taskProperties.VALUES: must be a non-empty JSON array of values, e.g. [\"a\",\"b\"] or [1,2].", Task("Filter", ["a"], "EQUAL_TO", properties: P("VALUES", "a,b")) },
        { "tasks[0].taskProperties.VALUES: must be a non-empty JSON array of values, e.g. [\"a\",\"b\"] or [1,2].", Task("Filter", ["a"], "EQUAL_TO", properties: P("VALUES", "[]")) },
        { "tasks[0].taskProperties.VALUES: item 1 (\"x\") is not a value of type integer.", Task("Filter", ["a"], "EQUAL_TO", properties: [P("DATA_TYPE", "integer"), P("VALUES", "[1,\"x\"]")]) },
        { "tasks[0].taskProperties.VALUES: item 0 ({\"a\":1}) is not a value of type string.", Task("Filter", ["a"], "EQUAL_TO", properties: P("VALUES", "[{\"a\":1}]")) },
        { "tasks[0].taskProperties.VALUES: does not apply to a LESS_THAN filter (it takes DATA_TYPE, VALUE).", Task("Filter", ["a"], "LESS_THAN", properties: [P("VALUE", "1"), P("VALUES", "[\"1\"]")]) },
        { "tasks[0].taskProperties.VALUE: is required for a GREATER_THAN_OR_EQUAL_TO filter.", Task("Filter", ["a"], "GREATER_THAN_OR_EQUAL_TO") },
        { "tasks[0].taskProperties.DATA_TYPE: a LESS_THAN_OR_EQUAL_TO filter needs an ordered type (string, integer, double, date or datetime).", Task("Filter", ["a"], "LESS_THAN_OR_EQUAL_TO", properties: [P("DATA_TYPE", "boolean"), P("VALUE", "true")]) },
        { "tasks[0].taskProperties.DATA_TYPE: a CONTAINS filter tests text, so DATA_TYPE must be string.", Task("Filter", ["a"], "CONTAINS", properties: [P("DATA_TYPE", "integer"), P("VALUE", "1")]) },
        { "tasks[0].taskProperties.VALUE: is required for a CONTAINS filter.", Task("Filter", ["a"], "CONTAINS") },
        { "tasks[0].taskProperties.LOWER_BOUND: is required for a BETWEEN filter.", Task("Filter", ["a"], "BETWEEN", properties: P("UPPER_BOUND", "1")) },
        { "tasks[0].taskProperties.UPPER_BOUND: is required for a BETWEEN filter.", Task("Filter", ["a"], "BETWEEN", properties: P("LOWER_BOUND", "1")) },
        { "tasks[0].taskProperties.LOWER_BOUND: 'x' is not a value of type integer.", Task("Filter", ["a"], "BETWEEN", properties: [P("DATA_TYPE", "integer"), P("LOWER_BOUND", "x"), P("UPPER_BOUND", "1")]) },
        { "tasks[0].taskProperties.UPPER_BOUND: must not be less than LOWER_BOUND.", Task("Filter", ["a"], "BETWEEN", properties: [P("DATA_TYPE", "integer"), P("LOWER_BOUND", "5"), P("UPPER_BOUND", "4")]) },
        { "tasks[0].taskProperties.VALUE: does not apply to a BETWEEN filter (it takes DATA_TYPE, LOWER_BOUND, UPPER_BOUND).", Task("Filter", ["a"], "BETWEEN", properties: [P("LOWER_BOUND", "a"), P("UPPER_BOUND", "b"), P("VALUE", "a")]) },
        { "tasks[0].sourceFields: a Map task reads exactly one source field.", Task("Map", ["a", "b"], destination: "c") },
        { "tasks[0].connectorOperator.Test: operator 'COPY' is not supported for a Map task (supported: NO_OP).", Task("Map", ["a"], "COPY") },
        { "tasks[0].destinationField: must be 1-256 characters.", Task("Map", ["a"], destination: "") },
        { "tasks[0].taskProperties.SOURCE_DATA_TYPE: 'blob' is not a data type (supported: string, integer, double, boolean, date, datetime).", Task("Map", ["a"], properties: P("SOURCE_DATA_TYPE", "blob")) },
        { "tasks[0].taskProperties.DESTINATION_DATA_TYPE: 'blob' is not a data type (supported: string, integer, double, boolean, date, datetime).", Task("Map", ["a"], properties: [P("SOURCE_DATA_TYPE", "string"), P("DESTINATION_DATA_TYPE", "blob")]) },
        { "tasks[0].taskProperties.FOO: a Map task takes no task properties.", Task("Map", ["a"], properties: P("FOO", "1")) },
        { "tasks[0].sourceFields: a Map_all task needs exactly 0 source fields.", Task("Map_all", ["a"]) },
        { "tasks[0].taskProperties.EXCLUDE_SOURCE_FIELDS_LIST: must be a JSON array of field names, e.g. [\"a\",\"b\"].", Task("Map_all", [], properties: P("EXCLUDE_SOURCE_FIELDS_LIST", "a,b")) },
        { "tasks[0].sourceFields: a Merge task needs at least 2 source fields.", Task("Merge", ["a"], "NO_OP", "c") },
        { "tasks[0].destinationField: is required for a Merge task.", Task("Merge", ["a", "b"]) },
        { "tasks[0].taskProperties.CONCAT_FORMAT: placeholder '${x}' names no source field (sourceFields: a, b).", Task("Merge", ["a", "b"], destination: "c", properties: P("CONCAT_FORMAT", "${a} ${x}")) },
        { "tasks[0].taskProperties.CONCAT_FORMAT: the placeholder at position 5 has no closing '}'.", Task("Merge", ["a", "b"], destination: "c", properties: P("CONCAT_FORMAT", "${a} ${b")) },
        { "tasks[0].connectorOperator: must name exactly one connector type and its operator.", Task("Arithmetic", ["a", "b"], destination: "c") },
        { "tasks[0].connectorOperator.Test: operator 'MODULO' is not supported for an Arithmetic task (supported: ADDITION, SUBTRACTION, MULTIPLICATION, DIVISION).", Task("Arithmetic", ["a", "b"], "MODULO", "c") },
        { "tasks[0].sourceFields: an Arithmetic task needs exactly 2 source fields.", Task("Arithmetic", ["a", "b", "c"], "ADDITION", "d") },
        { "tasks[0].destinationField: is required for an Arithmetic task.", Task("Arithmetic", ["a", "b"], "ADDITION") },
        { "tasks[0].taskProperties.MATH_OPERATION_FIELDS_ORDER: must name both source fields (a, b), each once.", Task("Arithmetic", ["a", "b"], "DIVISION", "c", P("MATH_OPERATION_FIELDS_ORDER", "[\"a\",\"c\"]")) },
        { "tasks[0].taskProperties.MATH_OPERATION_FIELDS_ORDER: must name both source fields (a, b), each once.", Task("Arithmetic", ["a", "b"], "DIVISION", "c", P("MATH_OPERATION_FIELDS_ORDER", "a,a")) },
        { "tasks[0].taskProperties.MATH_OPERATION_FIELDS_ORDER: must be a JSON array of field names, e.g. [\"a\",\"b\"], or a comma-separated list.", Task("Arithmetic", ["a", "b"], "DIVISION", "c", P("MATH_OPERATION_FIELDS_ORDER", "[a")) },
        { "tasks[0].connectorOperator.Test: operator 'MASK_MIDDLE' is not supported for a Mask task (supported: MASK_ALL, MASK_FIRST_N, MASK_LAST_N).", Task("Mask", ["a"], "MASK_MIDDLE") },
        { "tasks[0].sourceFields: a Mask task reads exactly one source field.", Task("Mask", ["a", "b"], "MASK_ALL") },
        { "tasks[0].taskProperties.MASK_LENGTH: is required for a MASK_FIRST_N mask.", Task("Mask", ["a"], "MASK_FIRST_N") },
        { "tasks[0].taskProperties.MASK_LENGTH: must be a whole number of at least 1.", Task("Mask", ["a"], "MASK_LAST_N", properties: P("MASK_LENGTH", "0")) },
        { "tasks[0].taskProperties.MASK_LENGTH: must be a whole number of at least 1.", Task("Mask", ["a"], "MASK_LAST_N", properties: P("MASK_LENGTH", "four")) },
        { "tasks[0].taskProperties.MASK_LENGTH: does not apply to a MASK_ALL mask (it takes MASK_VALUE).", Task("Mask", ["a"], "MASK_ALL", properties: P("MASK_LENGTH", "2")) },
        { "tasks[0].taskProperties.MASK_VALUE: must be exactly one character.", Task("Mask", ["a"], "MASK_ALL", properties: P("MASK_VALUE", "**")) },
        { "tasks[0].taskProperties.MASK_VALUE: must be exactly one character.", Task("Mask", ["a"], "MASK_ALL", properties: P("MASK_VALUE", "")) },
        { "tasks[0].taskProperties.TRUNCATE_LENGTH: is required for a Truncate task.", Task("Truncate", ["a"], "NO_OP") },
        { "tasks[0].taskProperties.TRUNCATE_LENGTH: must be a whole number of at least 0.", Task("Truncate", ["a"], properties: P("TRUNCATE_LENGTH", "-1")) },
        { "tasks[0].connectorOperator.Test: operator 'CUT' is not supported for a Truncate task (supported: NO_OP).", Task("Truncate", ["a"], "CUT", properties: P("TRUNCATE_LENGTH", "1")) },
        { "tasks[0].connectorOperator.Test: operator 'VALIDATE_EMAIL' is not supported for a Validate task (supported: VALIDATE_NON_NULL, VALIDATE_NON_ZERO, VALIDATE_NON_NEGATIVE, VALIDATE_NUMERIC).", Task("Validate", ["a"], "VALIDATE_EMAIL") },
        { "tasks[0].taskProperties.VALIDATION_ACTION: is required for a VALIDATE_NON_ZERO validation.", Task("Validate", ["a"], "VALIDATE_NON_ZERO") },
        { "tasks[0].taskProperties.VALIDATION_ACTION: 'Ignore' is not an action (supported: DropRecord, TerminateFlow).", Task("Validate", ["a"], "VALIDATE_NUMERIC", properties: P("VALIDATION_ACTION", "Ignore")) },
        { "tasks[0].sourceFields: a Validate task reads exactly one source field.", Task("Validate", [], "VALIDATE_NON_NULL", properties: P("VALIDATION_ACTION", "DropRecord")) },
        { "tasks[0].sourceFields: a Passthrough task needs at least 1 source field.", Task("Passthrough", []) },
        { "tasks[0].taskProperties.VALUE: a Passthrough task takes no task properties.", Task("Passthrough", ["a"], properties: P("VALUE", "x")) },
    };

    [Theory]
    [MemberData(nameof(InvalidTasks))]
    public void InvalidTask_IsValidationErrorNamingTheField(string message, FlowTask task)
    {
        var error = Rejected(task);

        Assert.Equal(FlowErrorCode.ValidationError, error.Code);
        Assert.Equal(message, error.Message);
    }

    public static TheoryData<FlowTask> ValidTasks => new()
    {
        Task("Filter", ["a"], "EQUAL_TO", properties: [P("DATA_TYPE", "Timestamp"), P("VALUES", "[1704067200000,\"2024-01-01T00:00:00Z\"]")]),
        Task("Filter", ["a"], "NOT_EQUAL_TO", properties: P("VALUE", "")),
        Task("Filter", ["a"], "BETWEEN", properties: [P("DATA_TYPE", "date"), P("LOWER_BOUND", "2024-01-01"), P("UPPER_BOUND", "2024-01-01T23:00:00Z")]),
        Task("Filter", ["a"], "CONTAINS", properties: [P("DATA_TYPE", "STRING"), P("VALUE", "x")]),
        Task("Filter", ["a"], "LESS_THAN", properties: [P("DATA_TYPE", "float"), P("VALUE", "-1e3"), P("SOURCE_DATA_TYPE", "anything AppFlow writes")]),
        Task("Map", ["a"], "NO_OP", "b", P("SOURCE_DATA_TYPE", "string"), P("DESTINATION_DATA_TYPE", "long")),
        Task("Merge", ["a", "b"], "NO_OP", "c", P("CONCAT_FORMAT", "$ ${a}${b} $")),
        Task("Arithmetic", ["a", "b"], "MULTIPLICATION", "c", P("MATH_OPERATION_FIELDS_ORDER", " b , a ")),
        Task("Mask", ["a"], "MASK_FIRST_N", properties: [P("MASK_LENGTH", "3"), P("MASK_VALUE", "\uD83D\uDD12")]),
        Task("Truncate", ["a"], properties: P("TRUNCATE_LENGTH", "0")),
        Task("Validate", ["a"], "VALIDATE_NON_NEGATIVE", properties: P("VALIDATION_ACTION", "dropRecord")),
        Task("Passthrough", ["a", "b"], "NO_OP"),
    };

    [Theory]
    [MemberData(nameof(ValidTasks))]
    public void ValidTask_IsAccepted(FlowTask task) => FlowTaskValidator.Validate([task]);

    [Fact]
    public void ErrorsNameTheTaskByItsIndex() =>
        Assert.StartsWith("tasks[1].taskProperties.TRUNCATE_LENGTH:", Rejected(Task("Map_all", []), Task("Truncate", ["a"])).Message);

    [Fact]
    public void DeclaredSourceFields_RejectAFieldTheSourceDoesNotHave()
    {
        var declared = ImmutableHashSet.Create("c", "a", "b");

        var error = Assert.Throws<FlowOperationException>(() => FlowTaskValidator.Validate(
            [Task("Map_all", []), Task("Merge", ["a", "x"], destination: "m")],
            declared));

        Assert.Equal(FlowErrorCode.ValidationError, error.Code);
        Assert.Equal("tasks[1].sourceFields[1]: 'x' is not a field of the source (fields: a, b, c).", error.Message);
    }

    [Fact]
    public void DeclaredSourceFields_AcceptTasksThatReadOnlyThem_AndNullChecksNothing()
    {
        FlowTask[] tasks = [Task("Map_all", []), Task("Passthrough", ["a", "b"]), Task("Filter", ["x"], "PROJECTION")];

        FlowTaskValidator.Validate(tasks[..2], ImmutableHashSet.Create("a", "b"));
        FlowTaskValidator.Validate(tasks, declaredSourceFields: null);
    }
}
