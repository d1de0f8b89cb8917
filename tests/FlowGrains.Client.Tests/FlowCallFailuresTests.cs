using FlowGrains.Errors;
using FlowGrains.Client;
using FlowGrains.Contracts.Errors;
using Orleans.Runtime;

namespace FlowGrains.Client.Tests;

/// <summary>Which failures a caller may repeat with the same clientToken, and which give the same answer again.</summary>
public sealed class FlowCallFailuresTests
{
    public static TheoryData<Exception, bool> Failures() => new()
    {
        { new FlowOperationException(FlowErrorCode.ServiceUnavailable, "store down"), true },
        { new FlowOperationException(FlowErrorCode.Throttled, "too many runs"), true },
        { new FlowOperationException(FlowErrorCode.NotFound, "no flow"), false },
        { new FlowOperationException(FlowErrorCode.ValidationError, "bad"), false },
        { new FlowOperationException(FlowErrorCode.ClientTokenMismatch, "other request"), false },
        { new SiloUnavailableException("silo gone"), true },
        { new TimeoutException("no answer"), true },
        { new Orleans.Runtime.Messaging.ConnectionFailedException("gateway gone"), true },
        { new OrleansException("wrapped", new TimeoutException("no answer")), true },
        { new AggregateException(new TimeoutException(), new FlowOperationException(FlowErrorCode.NotFound, "no flow")), false },
        { new InvalidOperationException("bug"), false },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void IsRetryable_TellsPassingOutagesFromAnswers(Exception failure, bool retryable)
    {
        Assert.Equal(retryable, FlowCallFailures.IsRetryable(failure));
    }
}
