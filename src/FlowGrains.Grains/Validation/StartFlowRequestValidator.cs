using FlowGrains.Contracts.Flows;

namespace FlowGrains.Grains.Validation;

internal static class StartFlowRequestValidator
{
    public static void Validate(StartFlowRequest request)
    {
        RequestRules.ClientToken(request.ClientToken);
        RequestRules.StringMap(request.Parameters, "parameters", maxEntries: 50, maxKeyLength: 128, maxValueLength: 1024);
    }
}
