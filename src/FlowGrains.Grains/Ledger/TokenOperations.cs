namespace FlowGrains.Grains.Ledger;

/// <summary>What a clientToken guards; a token's identity is its flow life, its operation and its hash.</summary>
public static class TokenOperations
{
    /// <summary>A CreateFlow token; kept under <see cref="FlowLife.CreateIncarnation"/>.</summary>
    public const string Create = "create";

    /// <summary>An UpdateFlow token.</summary>
    public const string Update = "update";

    /// <summary>A StartFlow token: it names a run of an OnDemand flow, or the activation of a Scheduled or Event flow.</summary>
    public const string Start = "start";

    /// <summary>An event's eventId: it names the event's run.</summary>
    public const string Event = "event";
}
