using System.Net;
using FlowGrains.Host.Tests.Infrastructure;

namespace FlowGrains.Host.Tests.Telemetry;

/// <summary>With keys on, the scrape tells what the cluster does only to an Admin key.</summary>
[Collection(KeyedHostCollection.Name)]
public sealed class MetricsAccessTests(KeyedHostFixture fixture)
{
    [Theory]
    [InlineData(KeyedHostFixture.AdminId, HttpStatusCode.OK)]
    [InlineData(KeyedHostFixture.OperatorId, HttpStatusCode.Forbidden)]
    [InlineData(KeyedHostFixture.ReaderId, HttpStatusCode.Forbidden)]
    public async Task TheScrape_NeedsAnAdminKey(string keyId, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.TryAddWithoutValidation("Authorization", KeyedHostFixture.Bearer(keyId));

        using var response = await fixture.Client.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
    }
}
