namespace FlowGrains.Host.Auth;

/// <summary>What a key may do; each role can do everything the one before it can.</summary>
public enum AccessRole
{
    /// <summary>Describes and lists.</summary>
    Reader,

    /// <summary>Also creates, updates, deletes, starts, stops and cancels flows and sends events.</summary>
    Operator,

    /// <summary>Everything, including connector profiles, keys and the dashboard.</summary>
    Admin,
}
