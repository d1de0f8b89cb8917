using FlowGrains.Connectors.Postgres;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FlowGrains.Integration.Tests.Connectors.Postgres;

public sealed class PostgresConnectorOptionsTests
{
    private static PostgresConnectorOptions Bound(string? queryTimeout)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(queryTimeout is null ? [] : [new("FlowGrains:Postgres:QueryTimeout", queryTimeout)])
            .Build();
        using var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddPostgresConnector().BuildServiceProvider();
        return services.GetRequiredService<IOptions<PostgresConnectorOptions>>().Value;
    }

    [Fact]
    public void QueryTimeout_DefaultsToThirtySeconds_AndBindsFromConfiguration()
    {
        Assert.Equal(TimeSpan.FromSeconds(30), Bound(null).QueryTimeout);
        Assert.Equal(TimeSpan.FromMinutes(5), Bound("00:05:00").QueryTimeout);
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("2.00:00:00")]
    public void QueryTimeout_OutOfRange_IsRefusedNamingTheSetting(string value)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Bound(value));

        Assert.Equal("FlowGrains:Postgres:QueryTimeout must be between 1 second and 1 day.", error.Message);
    }
}
