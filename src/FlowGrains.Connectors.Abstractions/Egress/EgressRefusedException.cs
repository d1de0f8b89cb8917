namespace FlowGrains.Connectors.Egress;

/// <summary>
/// A connection the egress policy refused. <see cref="Exception.Message"/> says which host, which address and
/// why, and is safe to show in a run record or a validation error.
/// </summary>
public sealed class EgressRefusedException(string message) : Exception(message)
{
    /// <summary>The refusal among <paramref name="exception"/> and its inner exceptions, or null when there is none.</summary>
    public static EgressRefusedException? Find(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is EgressRefusedException refused)
            {
                return refused;
            }
        }

        return null;
    }
}
