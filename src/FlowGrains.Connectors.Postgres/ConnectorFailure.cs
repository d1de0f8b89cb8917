namespace FlowGrains.Connectors.Postgres;

/// <summary>
/// A failure found inside the connector (not raised by the database) whose message is already safe to show;
/// the connector turns it into a <see cref="Grains.Connectors.ConnectorException"/> or
/// <see cref="Grains.Connectors.DestinationWriteException"/> naming the database.
/// </summary>
internal sealed class ConnectorFailure(string message) : Exception(message);
