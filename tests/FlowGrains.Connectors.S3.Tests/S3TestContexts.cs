using System.Text.Json.Nodes;
using FlowGrains.Grains.Connectors;

namespace FlowGrains.Connectors.S3.Tests;

/// <summary>Profiles and run contexts for the S3 connector tests.</summary>
internal static class S3TestContexts
{
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
