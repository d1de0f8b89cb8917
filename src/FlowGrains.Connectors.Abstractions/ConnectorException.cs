namespace FlowGrains.Connectors;

/// <summary>A connector failure whose message is safe to show in the run's execution record.</summary>
public sealed class ConnectorException(string message, Exception? innerException = null)
    : Exception(message, innerException);
