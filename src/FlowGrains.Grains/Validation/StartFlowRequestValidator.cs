using FlowGrains.Contracts.Flows;
using FlowGrains.Errors;

namespace FlowGrains.Grains.Validation;

internal static class StartFlowRequestValidator
{
    public static void Validate(StartFlowRequest request)
    {
        if (request?.Parameters is null)
        {
            throw FlowOperationException.Invalid("parameters", "is required (an empty map when there are none).");
        }

        RequestRules.ClientToken(request.ClientToken);
        RequestRules.StringMap(request.Parameters, "parameters", maxEntries: 50, maxKeyLength: 128, maxValueLength: 1024);
    }
}
