using FlowGrains.Errors;
using System.Collections.Immutable;
using FlowGrains.Contracts.Errors;
using FlowGrains.Contracts.Flows;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace FlowGrains.Client.Tests;

/// <summary>The client carries the contracts' codecs, so requests, results and domain errors cross the wire intact.</summary>
public sealed class ContractSerializationTests
{
    [Fact]
    public void StartFlowRequest_RoundTripsThroughTheClientsSerializer()
    {
        using var host = ClientHosts.Build();
        var serializer = host.Services.GetRequiredService<Serializer>();
        var request = new StartFlowRequest("token-1", ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("day", "2025-01-01")]));

        var copy = serializer.Deserialize<StartFlowRequest>(serializer.SerializeToArray(request));

        Assert.NotNull(copy);
        Assert.Equal(request.ClientToken, copy.ClientToken);
        Assert.Equal(request.Parameters, copy.Parameters);
    }

    [Fact]
    public void FlowOperationException_KeepsItsCodeAndMessage()
    {
        using var host = ClientHosts.Build();
        var serializer = host.Services.GetRequiredService<Serializer>();

        var copy = serializer.Deserialize<Exception>(serializer.SerializeToArray<Exception>(new FlowOperationException(FlowErrorCode.ClientTokenMismatch, "token reused")));

        var error = Assert.IsType<FlowOperationException>(copy);
        Assert.Equal((FlowErrorCode.ClientTokenMismatch, "token reused"), (error.Code, error.Message));
    }
}
