using FlowGrains.Errors;
using FlowGrains.Host.Apis;
using FlowGrains.Host.Apis.Aws;

namespace FlowGrains.Host.Tests;

/// <summary>The refusal of a run past a concurrency limit names AppFlow's throttling error on both wires.</summary>
public sealed class ThrottledCodeTests
{
    [Fact]
    public void Throttled_Is429_THROTTLED_AndThrottlingException() =>
        Assert.Equal(
            (("THROTTLED", 429), ("ThrottlingException", 429)),
            (ErrorCodes.For(FlowErrorCode.Throttled),
                AwsErrors.For(FlowErrorCode.Throttled)));
}
