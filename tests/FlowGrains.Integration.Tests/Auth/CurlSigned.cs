using System.Diagnostics;
using System.Text.Json.Nodes;
using FlowGrains.Integration.Tests.Infrastructure;

namespace FlowGrains.Integration.Tests.Auth;

/// <summary>Requests signed by curl's own SigV4 signer (<c>--aws-sigv4 aws:amz:us-east-1:appflow</c>), an implementation independent of ours.</summary>
public static class CurlSigned
{
    public static async Task<(int Status, JsonObject Envelope)> PostAsync(HostProcess host, string path, string json, string keyId, string secret)
    {
        var start = new ProcessStartInfo("curl") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[]
        {
            "-s", "-w", "\n%{http_code}", "--aws-sigv4", "aws:amz:us-east-1:appflow", "--user", $"{keyId}:{secret}",
            "-H", "content-type: application/json", "--data", json, $"http://127.0.0.1:{host.HttpPort}{path}",
        })
        {
            start.ArgumentList.Add(argument);
        }

        using var curl = Process.Start(start)!;
        var output = await curl.StandardOutput.ReadToEndAsync();
        await curl.WaitForExitAsync();
        var lines = output.TrimEnd().Split('\n');
        return (int.Parse(lines[^1]), JsonNode.Parse(string.Join('\n', lines[..^1]))!.AsObject());
    }
}
