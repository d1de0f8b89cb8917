using FlowGrains.Grains.Ledger.Retention;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FlowGrains.Grains.Tests.Ledger;

/// <summary>FlowGrains:Ledger:Retention binds from configuration, has stated defaults, and refuses values out of range naming the setting.</summary>
public sealed class LedgerRetentionOptionsTests
{
    private static LedgerRetentionOptions Bound(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(setting => new KeyValuePair<string, string?>($"FlowGrains:Ledger:Retention:{setting.Key}", setting.Value)))
            .Build();
        using var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLedgerRetention().BuildServiceProvider();
        return services.GetRequiredService<IOptions<LedgerRetentionOptions>>().Value;
    }

    [Fact]
    public void Defaults_AreOneMinute5000Rows50MillisecondsAnd100Batches()
    {
        var options = Bound();

        Assert.Equal(
            (TimeSpan.FromMinutes(1), 5_000, TimeSpan.FromMilliseconds(50), 100),
            (options.Period, options.BatchSize, options.BatchPause, options.MaxBatchesPerTick));
    }

    [Fact]
    public void Settings_BindFromConfiguration()
    {
        var options = Bound(("Period", "00:05:00"), ("BatchSize", "200"), ("BatchPause", "00:00:00"), ("MaxBatchesPerTick", "7"));

        Assert.Equal(
            (TimeSpan.FromMinutes(5), 200, TimeSpan.Zero, 7),
            (options.Period, options.BatchSize, options.BatchPause, options.MaxBatchesPerTick));
    }

    [Theory]
    [InlineData("Period", "00:00:59", "FlowGrains:Ledger:Retention:Period must be between 1 minute and 1 day.")]
    [InlineData("Period", "1.00:00:01", "FlowGrains:Ledger:Retention:Period must be between 1 minute and 1 day.")]
    [InlineData("BatchSize", "0", "FlowGrains:Ledger:Retention:BatchSize must be between 1 and 100000.")]
    [InlineData("BatchSize", "100001", "FlowGrains:Ledger:Retention:BatchSize must be between 1 and 100000.")]
    [InlineData("BatchPause", "00:00:10.001", "FlowGrains:Ledger:Retention:BatchPause must be between 0 and 10 seconds.")]
    [InlineData("MaxBatchesPerTick", "0", "FlowGrains:Ledger:Retention:MaxBatchesPerTick must be between 1 and 10000.")]
    public void AValueOutOfRange_IsRefusedNamingTheSetting(string key, string value, string message)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Bound((key, value)));

        Assert.Equal(message, error.Message);
    }
}
