namespace FlowGrains.Grains.Transforms;

/// <summary>The AppFlow task types and operators this build runs.</summary>
internal static class TaskTypes
{
    public const string Filter = "Filter";
    public const string Map = "Map";
    public const string MapAll = "Map_all";
    public const string Passthrough = "Passthrough";
    public const string Projection = "PROJECTION";
    public const string NoOp = "NO_OP";
    public const string ExcludeSourceFieldsList = "EXCLUDE_SOURCE_FIELDS_LIST";

    public static readonly string[] Supported = [Filter, Map, MapAll, Passthrough];
}
