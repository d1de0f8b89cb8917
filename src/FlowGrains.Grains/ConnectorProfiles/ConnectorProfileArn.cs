using FlowGrains.Grains.Hosting;

namespace FlowGrains.Grains.ConnectorProfiles;

internal static class ConnectorProfileArn
{
    public static string For(FlowGrainsOptions options, string profileName) =>
        $"arn:aws:appflow:{options.Region}:{options.Account}:connectorprofile/{profileName}";
}
