namespace FlowGrains.Integration.Tests.Providers.Before;

/// <summary>A state as first shipped; <see cref="After.CustomerProfile"/> is the same state after a rename and move.</summary>
[GenerateSerializer]
public sealed class ProfileV1
{
    [Id(0)] public string Name { get; set; } = "";

    [Id(1)] public List<int> Values { get; set; } = [];

    [Id(2)] public NestedV1 Nested { get; set; } = new();
}

/// <summary>A type inside <see cref="ProfileV1"/>.</summary>
[GenerateSerializer]
public sealed class NestedV1
{
    [Id(0)] public string Label { get; set; } = "";

    [Id(1)] public DateTimeOffset At { get; set; }
}
