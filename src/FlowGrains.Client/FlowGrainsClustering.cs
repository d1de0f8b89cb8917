namespace FlowGrains.Client;

/// <summary>How the client finds the cluster's gateways.</summary>
public enum FlowGrainsClustering
{
    /// <summary>Gateways on this machine's loopback, at fixed ports: the embedded profile.</summary>
    Localhost,

    /// <summary>The silos' membership table in PostgreSQL: the postgres profile. The client learns every live gateway from it.</summary>
    AdoNet,
}
