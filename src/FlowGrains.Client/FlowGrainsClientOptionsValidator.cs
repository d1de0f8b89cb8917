using Microsoft.Extensions.Options;

namespace FlowGrains.Client;

/// <summary>Checks <see cref="FlowGrainsClientOptions"/> before the client tries to connect, naming each setting that is wrong.</summary>
public sealed class FlowGrainsClientOptionsValidator : IValidateOptions<FlowGrainsClientOptions>
{
    private const string Section = FlowGrainsClientOptions.SectionName;

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, FlowGrainsClientOptions options)
    {
        var problems = new List<string>();
        if (!Enum.IsDefined(options.Clustering))
        {
            problems.Add($"{Section}:Clustering is '{options.Clustering}'; it must be Localhost or AdoNet.");
        }

        if (options.Clustering == FlowGrainsClustering.AdoNet && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            problems.Add($"{Section}:ConnectionString is required when {Section}:Clustering is AdoNet: the silos' PostgreSQL database (their ConnectionStrings:FlowGrains).");
        }

        problems.AddRange(options.GatewayPorts.Where(port => port is < 1 or > 65535)
            .Select(port => $"{Section}:GatewayPorts has {port}; a port is 1–65535."));

        if (string.IsNullOrWhiteSpace(options.ServiceId))
        {
            problems.Add($"{Section}:ServiceId must not be empty: it is the silos' Orleans:ServiceId.");
        }

        if (options.ResponseTimeout < TimeSpan.FromSeconds(1) || options.ResponseTimeout > TimeSpan.FromMinutes(10))
        {
            problems.Add($"{Section}:ResponseTimeout is {options.ResponseTimeout}; it must be 00:00:01–00:10:00.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
