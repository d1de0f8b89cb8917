namespace FlowGrains.Integration.Tests.Providers.After;

/// <summary><see cref="Before.ProfileV1"/> renamed and moved to another namespace, keeping its <c>[Id]</c> layout.</summary>
[GenerateSerializer]
public sealed class CustomerProfile
{
    [Id(0)] public string DisplayName { get; set; } = "";

    [Id(1)] public List<int> Scores { get; set; } = [];

    [Id(2)] public ProfileDetail Detail { get; set; } = new();
}

/// <summary><see cref="Before.NestedV1"/> renamed and moved.</summary>
[GenerateSerializer]
public sealed class ProfileDetail
{
    [Id(0)] public string Caption { get; set; } = "";

    [Id(1)] public DateTimeOffset When { get; set; }
}
