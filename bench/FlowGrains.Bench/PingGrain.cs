namespace FlowGrains.Bench;

/// <summary>The trivial grain call the direct StartFlow figure is compared with.</summary>
public interface IPingGrain : IGrainWithStringKey
{
    Task<string> PingAsync(string value);
}

public sealed class PingGrain : Grain, IPingGrain
{
    public Task<string> PingAsync(string value) => Task.FromResult(value);
}
