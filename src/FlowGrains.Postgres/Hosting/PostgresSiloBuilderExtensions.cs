using FlowGrains.Grains.Availability;
using FlowGrains.Grains.Hosting;
using FlowGrains.Postgres.Ledger;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Storage;

namespace FlowGrains.Postgres.Hosting;

/// <summary>Puts a silo's clustering, grain storage and reminders on PostgreSQL through Orleans' ADO.NET providers.</summary>
public static class PostgresSiloBuilderExtensions
{
    /// <summary>The ADO.NET invariant of Npgsql, which the providers resolve without any registration.</summary>
    public const string Invariant = "Npgsql";

    /// <summary>
    /// Uses the database of <paramref name="connectionString"/>, which must hold the FlowGrains schema
    /// (<see cref="Schema.SchemaMigrator"/>), for membership, the flows storage and reminders.
    /// </summary>
    public static ISiloBuilder UseFlowGrainsPostgres(this ISiloBuilder builder, string connectionString)
    {
        builder.UseAdoNetClustering(options =>
        {
            options.Invariant = Invariant;
            options.ConnectionString = connectionString;
        });
        return builder.AddFlowGrainsPostgresStorage(connectionString).UseFlowGrainsPostgresReminders(connectionString);
    }

    /// <summary>
    /// Keeps the flows storage and the flow ledger (tokens and runs) in the database of <paramref name="connectionString"/>,
    /// the storage under <paramref name="storageName"/> (another name is for a caller that wraps it).
    /// </summary>
    public static ISiloBuilder AddFlowGrainsPostgresStorage(
        this ISiloBuilder builder, string connectionString, string storageName = FlowStorageNames.Provider)
    {
        // The provider itself sits under an inner name; the name the grains use gets it wrapped so an
        // outage reaches every caller, on any silo, as SERVICE_UNAVAILABLE.
        var providerName = $"{storageName}-adonet";
        builder.Services.AddKeyedSingleton<IGrainStorage>(
            storageName, (services, _) => new UnavailableStoreStorage(services.GetRequiredKeyedService<IGrainStorage>(providerName)));
        builder.AddAdoNetGrainStorage(providerName, options =>
        {
            options.Invariant = Invariant;
            options.ConnectionString = connectionString;

            // Expired tokens and deleted flows leave no rows behind.
            options.DeleteStateOnClear = true;
        });

        // Rows hold Orleans' binary serialization, which names types by [Alias] and fields by [Id], never by
        // CLR name: state types can be renamed or moved without breaking stored rows.
        builder.Services.AddOptions<AdoNetGrainStorageOptions>(providerName)
            .Configure<IServiceProvider>((options, services) =>
                options.GrainStorageSerializer = ActivatorUtilities.CreateInstance<OrleansGrainStorageSerializer>(services));
        builder.Services.AddFlowGrainsPostgresLedger(connectionString);
        return builder;
    }

    /// <summary>Keeps reminders in the database of <paramref name="connectionString"/>.</summary>
    public static ISiloBuilder UseFlowGrainsPostgresReminders(this ISiloBuilder builder, string connectionString) =>
        builder.UseAdoNetReminderService(options =>
        {
            options.Invariant = Invariant;
            options.ConnectionString = connectionString;
        });
}
