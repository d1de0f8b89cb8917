namespace FlowGrains.Grains.Ledger;

/// <summary>
/// One life of a flow: its name and the incarnation a create gave it. Tokens and runs belong to a life, so a
/// flow deleted and created again starts with none. Create tokens use <see cref="CreateIncarnation"/>, since
/// they must outlive a delete.
/// </summary>
[GenerateSerializer, Immutable, Alias("FlowGrains.FlowLife")]
public readonly record struct FlowLife([property: Id(0)] string FlowName, [property: Id(1)] string Incarnation)
{
    /// <summary>The incarnation under which create tokens are kept: a name's creates share it across lives.</summary>
    public const string CreateIncarnation = "-";

    /// <summary>The life under which <paramref name="flowName"/>'s create tokens are kept.</summary>
    public static FlowLife ForCreates(string flowName) => new(flowName, CreateIncarnation);
}
