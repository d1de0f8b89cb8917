using FlowGrains.Grains.Hosting;

namespace FlowGrains.Grains.Flows;

internal static class FlowArn
{
    public static string For(FlowGrainsOptions options, string flowName) =>
        $"arn:aws:appflow:{options.Region}:{options.Account}:flow/{flowName}";
}
