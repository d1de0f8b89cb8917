using FlowGrains.Errors;

namespace FlowGrains.Grains.Tests.Infrastructure;

/// <summary>Assertions on the domain errors every operation raises.</summary>
public static class FlowAssert
{
    /// <summary>The error is a validation error whose message names <paramref name="field"/> first, as the envelope shows it.</summary>
    public static void ValidationErrorNaming(string field, FlowOperationException error)
    {
        Assert.Equal(FlowErrorCode.ValidationError, error.Code);
        Assert.StartsWith(field + ":", error.Message);
    }
}
