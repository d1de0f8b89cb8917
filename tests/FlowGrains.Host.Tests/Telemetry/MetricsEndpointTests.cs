using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using FlowGrains.Grains.Tests.Infrastructure;
using FlowGrains.Host.Tests.Infrastructure;

namespace FlowGrains.Host.Tests.Telemetry;

/// <summary>The Prometheus scrape at /metrics counts what the runs did.</summary>
[Collection(HostCollection.Name)]
public sealed partial class MetricsEndpointTests(HostFixture fixture)
{
    [Fact]
    public async Task AfterARun_MetricsCountItsStart_ItsEnd_AndWhatItMoved()
    {
        var name = Api.NewName("metrics");
        var input = Path.Combine(fixture.DataRoot, name, "in");
        Directory.CreateDirectory(input);
        await File.WriteAllTextAsync(Path.Combine(input, "rows.csv"), "id,amount\n1,10\n2,20\n3,30\n");
        Assert.Equal(HttpStatusCode.OK, (await fixture.Client.PostAsync("/create-flow", Api.LocalFolderFlow(name, $"{name}/in", $"{name}/out"))).Status);
        var before = await ScrapeAsync();

        var (status, started) = await fixture.Client.PostAsync("/start-flow", new { flowName = name, clientToken = "metrics-1" });
        await fixture.Client.PostAsync("/start-flow", new { flowName = name, clientToken = "metrics-1" });
        await Eventually.MatchesAsync(
            async () => (await fixture.Client.PostAsync("/describe-flow-execution-records", new { flowName = name })).Envelope.Data()["flowExecutions"]![0]!["executionStatus"]!.GetValue<string>(),
            runStatus => runStatus == "Successful",
            "the run to succeed");
        var after = await Eventually.MatchesAsync(
            ScrapeAsync,
            scrape => Value(scrape, "flowgrains_runs_total", "status=\"Successful\"") > Value(before, "flowgrains_runs_total", "status=\"Successful\""),
            "the scrape to count the run's end");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.NotNull(started.Data()["executionId"]);
        Assert.Equal(1, Delta(before, after, "flowgrains_starts_total", "outcome=\"new\",trigger=\"OnDemand\""));
        Assert.Equal(1, Delta(before, after, "flowgrains_starts_total", "outcome=\"replayed\",trigger=\"OnDemand\""));
        Assert.Equal(1, Delta(before, after, "flowgrains_runs_total", "status=\"Successful\""));
        Assert.Equal(3, Delta(before, after, "flowgrains_records_total", "connector=\"LocalFolder\""));
        Assert.Equal(1, Delta(before, after, "flowgrains_run_duration_seconds_count", "status=\"Successful\""));
        Assert.True(Delta(before, after, "flowgrains_data_bytes_total", "connector=\"LocalFolder\",direction=\"read\"") > 0);
        Assert.True(Value(after, "flowgrains_ledger_write_duration_seconds_count", "operation=\"start\"") >= 1);
    }

    [Fact]
    public async Task TheScrape_CarriesOrleansAndAspNetCoreMetersToo()
    {
        // The first scrape is itself a request that the second one counts.
        await ScrapeAsync();
        var scrape = await Eventually.MatchesAsync(ScrapeAsync, text => text.Contains("http_server_request_duration_seconds", StringComparison.Ordinal), "a counted request");

        Assert.Contains("http_server_request_duration_seconds", scrape, StringComparison.Ordinal);
        Assert.Matches(OrleansMetric(), scrape);
    }

    private async Task<string> ScrapeAsync()
    {
        using var response = await fixture.Client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static double Delta(string before, string after, string metric, string labels) => Value(after, metric, labels) - Value(before, metric, labels);

    /// <summary>The value of the series of <paramref name="metric"/> whose labels include <paramref name="labels"/>; 0 when there is none.</summary>
    private static double Value(string scrape, string metric, string labels)
    {
        foreach (var line in scrape.Split('\n'))
        {
            if (line.StartsWith(metric + "{", StringComparison.Ordinal) && line.Contains(labels, StringComparison.Ordinal))
            {
                var value = line[(line.LastIndexOf('}') + 2)..].Split(' ')[0];
                return double.Parse(value, CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }

    [GeneratedRegex(@"^orleans_\w+", RegexOptions.Multiline)]
    private static partial Regex OrleansMetric();
}
