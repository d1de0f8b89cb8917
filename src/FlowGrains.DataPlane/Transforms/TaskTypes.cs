namespace FlowGrains.DataPlane.Transforms;

/// <summary>The AppFlow task types, operators and task property keys this build runs.</summary>
internal static class TaskTypes
{
    public const string Filter = "Filter";
    public const string Map = "Map";
    public const string MapAll = "Map_all";
    public const string Merge = "Merge";
    public const string Arithmetic = "Arithmetic";
    public const string Mask = "Mask";
    public const string Truncate = "Truncate";
    public const string Validate = "Validate";
    public const string Passthrough = "Passthrough";

    public const string Projection = "PROJECTION";
    public const string NoOp = "NO_OP";

    public const string EqualTo = "EQUAL_TO";
    public const string NotEqualTo = "NOT_EQUAL_TO";
    public const string LessThan = "LESS_THAN";
    public const string GreaterThan = "GREATER_THAN";
    public const string LessThanOrEqualTo = "LESS_THAN_OR_EQUAL_TO";
    public const string GreaterThanOrEqualTo = "GREATER_THAN_OR_EQUAL_TO";
    public const string Contains = "CONTAINS";
    public const string Between = "BETWEEN";

    public const string Addition = "ADDITION";
    public const string Subtraction = "SUBTRACTION";
    public const string Multiplication = "MULTIPLICATION";
    public const string Division = "DIVISION";

    public const string MaskAll = "MASK_ALL";
    public const string MaskFirstN = "MASK_FIRST_N";
    public const string MaskLastN = "MASK_LAST_N";

    public const string ValidateNonNull = "VALIDATE_NON_NULL";
    public const string ValidateNonZero = "VALIDATE_NON_ZERO";
    public const string ValidateNonNegative = "VALIDATE_NON_NEGATIVE";
    public const string ValidateNumeric = "VALIDATE_NUMERIC";

    public const string DataType = "DATA_TYPE";
    public const string Value = "VALUE";
    public const string Values = "VALUES";
    public const string LowerBound = "LOWER_BOUND";
    public const string UpperBound = "UPPER_BOUND";
    public const string SourceDataType = "SOURCE_DATA_TYPE";
    public const string DestinationDataType = "DESTINATION_DATA_TYPE";
    public const string ExcludeSourceFieldsList = "EXCLUDE_SOURCE_FIELDS_LIST";
    public const string ConcatFormat = "CONCAT_FORMAT";
    public const string MathOperationFieldsOrder = "MATH_OPERATION_FIELDS_ORDER";
    public const string MaskValue = "MASK_VALUE";
    public const string MaskLength = "MASK_LENGTH";
    public const string TruncateLength = "TRUNCATE_LENGTH";
    public const string ValidationAction = "VALIDATION_ACTION";

    public static readonly string[] Supported = [Filter, Map, MapAll, Merge, Arithmetic, Mask, Truncate, Validate, Passthrough];

    public static readonly string[] FilterOperators =
        [Projection, EqualTo, NotEqualTo, LessThan, GreaterThan, LessThanOrEqualTo, GreaterThanOrEqualTo, Contains, Between];

    public static readonly string[] ArithmeticOperators = [Addition, Subtraction, Multiplication, Division];

    public static readonly string[] MaskOperators = [MaskAll, MaskFirstN, MaskLastN];

    public static readonly string[] ValidateOperators = [ValidateNonNull, ValidateNonZero, ValidateNonNegative, ValidateNumeric];
}
