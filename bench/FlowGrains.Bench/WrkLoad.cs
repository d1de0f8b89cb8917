using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace FlowGrains.Bench;

/// <summary>
/// Drives HTTP load with wrk (Debian package) in its own process, so the load generator costs less of
/// the machine than an in-process client does. Each scenario is a small Lua script.
/// </summary>
public static partial class WrkLoad
{
    public static bool IsAvailable() =>
        Environment.GetEnvironmentVariable("PATH")?.Split(':').Any(dir => File.Exists(Path.Combine(dir, "wrk"))) == true;

    public static string EmptyScript() => """
        wrk.method = "POST"
        wrk.body = "{}"
        wrk.headers["Content-Type"] = "application/json"
        """;

    /// <summary>Round-robins over the flows; a new token per request, or one fixed token per flow when replaying.</summary>
    public static string StartScript(int flows, string run, bool replay) => $$"""
        local threads = 0
        function setup(thread)
          threads = threads + 1
          thread:set("tid", threads)
        end
        local n = 0
        request = function()
          n = n + 1
          local flow = n % {{flows}}
          local token = {{(replay ? "\"replay-" + run + "-\" .. flow" : "\"w-" + run + "-\" .. tid .. \"-\" .. n")}}
          local body = '{"flowName":"bench-' .. flow .. '","clientToken":"' .. token .. '"}'
          return wrk.format("POST", "/start-flow", { ["Content-Type"] = "application/json" }, body)
        end
        """;

    public static async Task<double> MeasureAsync(string baseUrl, string path, string script, int connections, TimeSpan duration)
    {
        var file = Path.Combine(Path.GetTempPath(), $"flowgrains-bench-{Guid.NewGuid():N}.lua");
        await File.WriteAllTextAsync(file, script);
        try
        {
            var start = new ProcessStartInfo("wrk", ["-t2", $"-c{connections}", $"-d{(int)duration.TotalSeconds}s", "-s", file, baseUrl + path])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(start)!;
            var output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0 || output.Contains("Non-2xx", StringComparison.Ordinal) || output.Contains("Socket errors", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"wrk reported failures for {path}:\n{output}");
            }

            return double.Parse(RequestsPerSecond().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [GeneratedRegex(@"Requests/sec:\s+([0-9.]+)")]
    private static partial Regex RequestsPerSecond();
}
