using System.Text.Json.Nodes;
using FlowGrains.Connectors;
using FlowGrains.Connectors.Egress;
using FlowGrains.Connectors.Limits;
using FlowGrains.Testing;
using Microsoft.Extensions.Options;

namespace FlowGrains.Connectors.S3.Tests;

/// <summary>Profiles and run contexts for the S3 connector tests.</summary>
internal static class S3TestContexts
{
    /// <summary>The connector as a silo makes it, its egress allowing only the fixture's loopback server.</summary>
    public static S3Connector Connector(
        TimeProvider time,
        bool allowAmbientCredentials = false,
        IEgressPolicy? egress = null,
        long uploadPartSize = 16 * 1024 * 1024,
        LimitsOptions? limits = null) =>
        new(
            time,
            egress ?? LoopbackEgress.Policy(),
            Options.Create(new S3ConnectorOptions { AllowAmbientCredentials = allowAmbientCredentials }),
            limits is null ? null : Options.Create(limits))
        {
            UploadPartSize = uploadPartSize,
        };

    public static ConnectorProfileSettings Profile(Uri endpointUrl, string accessKeyId = S3rverFixture.AccessKeyId, string secretAccessKey = S3rverFixture.SecretAccessKey) =>
        new("test-s3",
            new Dictionary<string, string> { ["endpointUrl"] = endpointUrl.ToString() },
            new Dictionary<string, string> { ["accessKeyId"] = accessKeyId, ["secretAccessKey"] = secretAccessKey });

    public static ConnectorRunContext Run(
        IReadOnlyDictionary<string, string> properties, ConnectorProfileSettings profile, string flowName = "flow", string executionId = "run-1") =>
        new(flowName, executionId, properties, new Dictionary<string, string>(), Profile: profile);

    public static async Task<List<RecordBatch>> ReadAllAsync(S3Connector connector, ConnectorRunContext context)
    {
        var batches = new List<RecordBatch>();
        await foreach (var batch in connector.ReadAsync(context, CancellationToken.None))
        {
            batches.Add(batch);
        }

        return batches;
    }

    public static string Lines(IEnumerable<RecordBatch> batches) =>
        string.Join('\n', batches.SelectMany(batch => batch.Records).Select(record => record.ToJsonString()));

    public static async Task<long> WriteAsync(S3Connector connector, ConnectorRunContext context, params JsonObject[] records)
    {
        await using var writer = await connector.OpenWriterAsync(context, CancellationToken.None);
        await writer.WriteAsync(records, CancellationToken.None);
        return await writer.CompleteAsync(CancellationToken.None);
    }
}
