using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace FlowGrains.Grains.Flows;

/// <summary>
/// Which partition of the flow index holds a flow. The index is split so that creating and deleting
/// flows spreads over several grains instead of queueing on one.
/// </summary>
public static class FlowIndexPartitions
{
    /// <summary>The number of partitions; changing it orphans existing entries.</summary>
    public const int Count = 16;

    /// <summary>The partition of <paramref name="flowName"/>; stable across processes and machines.</summary>
    public static int Of(string flowName) =>
        (int)(BinaryPrimitives.ReadUInt32LittleEndian(SHA256.HashData(Encoding.UTF8.GetBytes(flowName))) % Count);
}
