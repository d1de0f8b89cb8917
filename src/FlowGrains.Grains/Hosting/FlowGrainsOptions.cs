using System.ComponentModel.DataAnnotations;
using FlowGrains.Connectors.LocalFolder;

namespace FlowGrains.Grains.Hosting;

/// <summary>Settings of the flow service, bound from the <c>FlowGrains</c> configuration section.</summary>
public sealed class FlowGrainsOptions : IDataRootOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "FlowGrains";

    /// <summary>The region written into flow ARNs.</summary>
    [Required, RegularExpression("^[a-z0-9-]{1,32}$")]
    public string Region { get; set; } = "local";

    /// <summary>The account written into flow ARNs.</summary>
    [Required, RegularExpression("^[0-9]{12}$")]
    public string Account { get; set; } = "000000000000";

    /// <summary>The folder under which LocalFolder connectors read and write; no flow can reach outside it.</summary>
    [Required]
    public string DataRoot { get; set; } = "data";

    /// <summary>
    /// The key that signs pagination tokens so forged ones are rejected; at least 16 characters, shared by
    /// every silo of a cluster. There is no default: unset, a single-process host signs with a random key of
    /// its own (tokens die with the process) and the postgres profile refuses to start. Never logged.
    /// </summary>
    [MinLength(16)]
    public string? PaginationKey { get; set; }

    /// <summary>
    /// How long run records are kept after their last update (default 90 days); the ledger's retention job
    /// removes finished runs older than that, of every flow. At least an hour; unfinished runs are always kept.
    /// </summary>
    [Range(typeof(TimeSpan), "01:00:00", "3650.00:00:00", ErrorMessage = "FlowGrains:ExecutionRecordRetention must be between 1 hour and 3650 days.")]
    public TimeSpan ExecutionRecordRetention { get; set; } = TimeSpan.FromDays(90);

    /// <summary>
    /// How late a scheduled slot may start and still run as itself (default 2 minutes): a tick delayed by
    /// load or by a silo's failover runs every slot it owes. A slot later than this was missed (the flow or
    /// the cluster was down), and the flow's catchUp decides whether it runs.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00", ErrorMessage = "FlowGrains:ScheduleGrace must be between 1 minute and 1 day.")]
    public TimeSpan ScheduleGrace { get; set; } = TimeSpan.FromMinutes(2);
}
