using FlowGrains.Host.Apis.Requests;
using FlowGrains.Host.Auth;

namespace FlowGrains.Host.Apis.Aws;

/// <summary>AppFlow's flow operations on the AWS wire: the envelope's operations, with AWS's shapes at the edge.</summary>
internal static class AwsFlowsApi
{
    public static RouteGroupBuilder MapAwsFlows(this RouteGroupBuilder aws)
    {
        aws.MapPost("/create-flow", CreateFlow).RequireRole(AccessRole.Operator);
        aws.MapPost("/update-flow", UpdateFlow).RequireRole(AccessRole.Operator);
        aws.MapPost("/describe-flow", DescribeFlow).RequireRole(AccessRole.Reader);
        aws.MapPost("/list-flows", ListFlows).RequireRole(AccessRole.Reader);
        aws.MapPost("/delete-flow", DeleteFlow).RequireRole(AccessRole.Operator);
        aws.MapPost("/start-flow", StartFlow).RequireRole(AccessRole.Operator);
        aws.MapPost("/stop-flow", StopFlow).RequireRole(AccessRole.Operator);
        aws.MapPost("/describe-flow-execution-records", DescribeFlowExecutionRecords).RequireRole(AccessRole.Reader);
        aws.MapPost("/cancel-flow-executions", CancelFlowExecutions).RequireRole(AccessRole.Operator);
        return aws;
    }

    public static async Task<IResult> CreateFlow(HttpRequest request, IGrainFactory grains, AwsCustomConnectorIn custom)
    {
        var body = await AwsRequest.ReadAsync<CreateFlowBody>(request);
        await custom.MapAsync(body);
        return AwsRequest.Ok(await FlowsApi.CreateFlowAsync(body, grains));
    }

    public static async Task<IResult> UpdateFlow(HttpRequest request, IGrainFactory grains, AwsCustomConnectorIn custom)
    {
        var body = await AwsRequest.ReadAsync<UpdateFlowBody>(request);
        await custom.MapAsync(body);
        return AwsRequest.Ok(await FlowsApi.UpdateFlowAsync(body, grains));
    }

    public static async Task<IResult> DescribeFlow(HttpRequest request, IGrainFactory grains, AwsCustomConnectorOut custom) =>
        AwsRequest.Ok(await custom.DescribeAsync(await FlowsApi.DescribeFlowAsync(await AwsRequest.ReadAsync<FlowNameBody>(request), grains)));

    public static async Task<IResult> ListFlows(HttpRequest request, IGrainFactory grains)
    {
        var page = await FlowsApi.ListFlowsAsync(await AwsRequest.ReadAsync<ListFlowsBody>(request), grains);
        return AwsRequest.Ok(new AwsListFlowsResponse(
            [.. page.Flows.Select(flow => new AwsFlowDefinition(
                flow.FlowArn,
                flow.Description,
                flow.FlowName,
                flow.FlowStatus,
                AwsConnectorTypes.OnWire(flow.SourceConnectorType),
                AwsConnectorTypes.LabelOnWire(flow.SourceConnectorType),
                AwsConnectorTypes.OnWire(flow.DestinationConnectorType),
                AwsConnectorTypes.LabelOnWire(flow.DestinationConnectorType),
                flow.TriggerType,
                flow.CreatedAt,
                flow.LastUpdatedAt,
                flow.LastRunExecutionDetails))],
            page.NextToken));
    }

    public static async Task<IResult> DeleteFlow(HttpRequest request, IGrainFactory grains)
    {
        await FlowsApi.DeleteFlowAsync(await AwsRequest.ReadAsync<DeleteFlowBody>(request), grains);
        return AwsRequest.Ok(new AwsEmptyResponse());
    }

    public static async Task<IResult> StartFlow(HttpRequest request, IGrainFactory grains)
    {
        var result = await FlowsApi.StartFlowAsync(await AwsRequest.ReadAsync<StartFlowBody>(request), grains);
        return AwsRequest.Ok(new AwsStartFlowResponse(result.FlowArn, result.FlowStatus, result.ExecutionId));
    }

    public static async Task<IResult> StopFlow(HttpRequest request, IGrainFactory grains) =>
        AwsRequest.Ok(await FlowsApi.StopFlowAsync(await AwsRequest.ReadAsync<FlowNameBody>(request), grains));

    public static async Task<IResult> DescribeFlowExecutionRecords(HttpRequest request, IGrainFactory grains) =>
        AwsRequest.Ok(await FlowsApi.DescribeFlowExecutionRecordsAsync(await AwsRequest.ReadAsync<DescribeExecutionRecordsBody>(request), grains));

    public static async Task<IResult> CancelFlowExecutions(HttpRequest request, IGrainFactory grains) =>
        AwsRequest.Ok(await FlowsApi.CancelFlowExecutionsAsync(await AwsRequest.ReadAsync<CancelFlowExecutionsBody>(request), grains));
}
