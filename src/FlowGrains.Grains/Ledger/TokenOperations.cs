namespace FlowGrains.Grains.Ledger;

/// <summary>What a clientToken guards; a token's identity is its flow life, its operation and its hash.</summary>
public static class TokenOperations
{
    /// <summary>A CreateFlow token; kept under <see cref="FlowLife.CreateIncarnation"/>.</summary>
    public const string Create = "create";

    /// <summary>An UpdateFlow token.</summary>
    public const string Update = "update";

    /// <summary>A StartFlow token of an OnDemand flow: it names a run.</summary>
    public const string Start = "start";

    /// <summary>A StartFlow token that activated a Scheduled or Event flow.</summary>
    public const string Activate = "activate";

    /// <summary>An event's eventId: it names the event's run.</summary>
    public const string Event = "event";
}
