using System.Collections.Immutable;
using FlowGrains.Contracts;
using FlowGrains.Host.Auth;
using FlowGrains.Host.Apis.Requests;
using FlowGrains.Host.Apis.Responses;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FlowGrains.Host.Apis;

/// <summary>AppFlow's flow operations at AppFlow's paths, each a POST with a JSON body, each answering in the envelope.</summary>
internal static class FlowsApi
{
    private const int DefaultMaxResults = 20;

    public static IEndpointRouteBuilder MapFlowsApi(this IEndpointRouteBuilder app)
    {
        var flows = app.MapGroup(string.Empty).WithTags("Flows").ProducesEnvelopeErrors();

        flows.MapPost("/create-flow", CreateFlow).Accepts<CreateFlowBody>(Json).RequireRole(AccessRole.Operator);
        flows.MapPost("/update-flow", UpdateFlow).Accepts<UpdateFlowBody>(Json).RequireRole(AccessRole.Operator);
        flows.MapPost("/describe-flow", DescribeFlow).Accepts<FlowNameBody>(Json).RequireRole(AccessRole.Reader);
        flows.MapPost("/list-flows", ListFlows).Accepts<ListFlowsBody>(Json).RequireRole(AccessRole.Reader);
        flows.MapPost("/delete-flow", DeleteFlow).Accepts<DeleteFlowBody>(Json).RequireRole(AccessRole.Operator);
        flows.MapPost("/start-flow", StartFlow).Accepts<StartFlowBody>(Json).RequireRole(AccessRole.Operator);
        flows.MapPost("/stop-flow", StopFlow).Accepts<FlowNameBody>(Json).RequireRole(AccessRole.Operator);
        flows.MapPost("/describe-flow-execution-records", DescribeFlowExecutionRecords).Accepts<DescribeExecutionRecordsBody>(Json).RequireRole(AccessRole.Reader);
        flows.MapPost("/cancel-flow-executions", CancelFlowExecutions).Accepts<CancelFlowExecutionsBody>(Json).RequireRole(AccessRole.Operator);
        return app;
    }

    private const string Json = "application/json";

    public static async Task<Ok<ApiEnvelope<CreateFlowData>>> CreateFlow(HttpRequest request, IGrainFactory grains)
    {
        var body = await RequestBody.ReadAsync<CreateFlowBody>(request);
        var flow = grains.GetFlowGrain(body.FlowName);
        var result = await flow.CreateFlowAsync(body.ToContract());
        return TypedResults.Ok(ApiEnvelope.Ok(new CreateFlowData(result.FlowArn, result.FlowStatus)));
    }

    public static async Task<Ok<ApiEnvelope<UpdateFlowData>>> UpdateFlow(HttpRequest request, IGrainFactory grains)
    {
        var body = await RequestBody.ReadAsync<UpdateFlowBody>(request);
        var flow = grains.GetFlowGrain(body.FlowName);
        var result = await flow.UpdateFlowAsync(body.ToContract());
        return TypedResults.Ok(ApiEnvelope.Ok(new UpdateFlowData(result.FlowStatus)));
    }

    public static async Task<Ok<ApiEnvelope<DescribeFlowData>>> DescribeFlow(HttpRequest request, IGrainFactory grains)
    {
        var body = await RequestBody.ReadAsync<FlowNameBody>(request);
        var description = await grains.GetFlowGrain(body.FlowName).DescribeFlowAsync();
        return TypedResults.Ok(ApiEnvelope.Ok(description.ToData()));
    }

    public static async Task<Ok<ApiEnvelope<ListFlowsData>>> ListFlows(HttpRequest request, IGrainFactory grains)
    {
        var body = await RequestBody.ReadAsync<ListFlowsBody>(request);
        var page = await grains.GetFlowCatalog().ListFlowsAsync(body.MaxResults ?? DefaultMaxResults, body.NextToken);
        return TypedResults.Ok(ApiEnvelope.Ok(new ListFlowsData(page.Flows, page.NextToken)));
    }

    public static async Task<Ok<ApiEnvelope<DeleteFlowData>>> DeleteFlow(HttpRequest request, IGrainFactory grains)
    {
        var body = await RequestBody.ReadAsync<DeleteFlowBody>(request);
        await grains.GetFlowGrain(body.FlowName).DeleteFlowAsync(body.ForceDelete ?? false);
        return TypedResults.Ok(ApiEnvelope.Ok(new DeleteFlowData()));
    }

    public static async Task<Ok<ApiEnvelope<StartFlowData>>> StartFlow(HttpRequest request, IGrainFactory grains)
    {
        var body = await RequestBody.ReadAsync<StartFlowBody>(request);
        var result = await grains.GetFlowGrain(body.FlowName).StartFlowAsync(body.ToContract());
        return TypedResults.Ok(ApiEnvelope.Ok(result.ToData()));
    }

    public static async Task<Ok<ApiEnvelope<StopFlowData>>> StopFlow(HttpRequest request, IGrainFactory grains)
    {
        var body = await RequestBody.ReadAsync<FlowNameBody>(request);
        var result = await grains.GetFlowGrain(body.FlowName).StopFlowAsync();
        return TypedResults.Ok(ApiEnvelope.Ok(new StopFlowData(result.FlowArn, result.FlowStatus)));
    }

    public static async Task<Ok<ApiEnvelope<ExecutionRecordsData>>> DescribeFlowExecutionRecords(HttpRequest request, IGrainFactory grains)
    {
        var body = await RequestBody.ReadAsync<DescribeExecutionRecordsBody>(request);
        var page = await grains.GetFlowGrain(body.FlowName)
            .DescribeFlowExecutionRecordsAsync(body.MaxResults ?? DefaultMaxResults, body.NextToken);
        return TypedResults.Ok(ApiEnvelope.Ok(new ExecutionRecordsData(page.FlowExecutions, page.NextToken)));
    }

    public static async Task<Ok<ApiEnvelope<CancelFlowExecutionsData>>> CancelFlowExecutions(HttpRequest request, IGrainFactory grains)
    {
        var body = await RequestBody.ReadAsync<CancelFlowExecutionsBody>(request);
        var ids = body.ExecutionIds ?? [];
        if (ids.IndexOf(null!) is var nullIndex and >= 0)
        {
            throw Contracts.Errors.FlowOperationException.Invalid($"executionIds[{nullIndex}]", "must be a string.");
        }

        var result = await grains.GetFlowGrain(body.FlowName).CancelFlowExecutionsAsync([.. ids]);
        return TypedResults.Ok(ApiEnvelope.Ok(new CancelFlowExecutionsData(result.InvalidExecutions)));
    }
}
