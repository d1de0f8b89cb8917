using System.Collections.Immutable;
using FlowGrains.Contracts;
using FlowGrains.Contracts.Flows;
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

    public static async Task<Ok<ApiEnvelope<CreateFlowData>>> CreateFlow(HttpRequest request, IGrainFactory grains) =>
        TypedResults.Ok(ApiEnvelope.Ok(await CreateFlowAsync(await RequestBody.ReadAsync<CreateFlowBody>(request), grains)));

    /// <summary>CreateFlow, whichever wire asked.</summary>
    public static async Task<CreateFlowData> CreateFlowAsync(CreateFlowBody body, IGrainFactory grains)
    {
        var flow = grains.GetFlowGrain(body.FlowName);
        var result = await flow.CreateFlowAsync(body.ToContract());
        return new CreateFlowData(result.FlowArn, result.FlowStatus);
    }

    public static async Task<Ok<ApiEnvelope<UpdateFlowData>>> UpdateFlow(HttpRequest request, IGrainFactory grains) =>
        TypedResults.Ok(ApiEnvelope.Ok(await UpdateFlowAsync(await RequestBody.ReadAsync<UpdateFlowBody>(request), grains)));

    /// <summary>UpdateFlow, whichever wire asked.</summary>
    public static async Task<UpdateFlowData> UpdateFlowAsync(UpdateFlowBody body, IGrainFactory grains)
    {
        var flow = grains.GetFlowGrain(body.FlowName);
        var result = await flow.UpdateFlowAsync(body.ToContract());
        return new UpdateFlowData(result.FlowStatus);
    }

    public static async Task<Ok<ApiEnvelope<DescribeFlowData>>> DescribeFlow(HttpRequest request, IGrainFactory grains) =>
        TypedResults.Ok(ApiEnvelope.Ok((await DescribeFlowAsync(await RequestBody.ReadAsync<FlowNameBody>(request), grains)).ToData()));

    /// <summary>DescribeFlow, whichever wire asked; each wire shapes the description its own way.</summary>
    public static Task<FlowDescription> DescribeFlowAsync(FlowNameBody body, IGrainFactory grains) =>
        grains.GetFlowGrain(body.FlowName).DescribeFlowAsync();

    public static async Task<Ok<ApiEnvelope<ListFlowsData>>> ListFlows(HttpRequest request, IGrainFactory grains) =>
        TypedResults.Ok(ApiEnvelope.Ok(await ListFlowsAsync(await RequestBody.ReadAsync<ListFlowsBody>(request), grains)));

    /// <summary>ListFlows, whichever wire asked.</summary>
    public static async Task<ListFlowsData> ListFlowsAsync(ListFlowsBody body, IGrainFactory grains)
    {
        var page = await grains.GetFlowCatalog().ListFlowsAsync(body.MaxResults ?? DefaultMaxResults, body.NextToken);
        return new ListFlowsData(page.Flows, page.NextToken);
    }

    public static async Task<Ok<ApiEnvelope<DeleteFlowData>>> DeleteFlow(HttpRequest request, IGrainFactory grains) =>
        TypedResults.Ok(ApiEnvelope.Ok(await DeleteFlowAsync(await RequestBody.ReadAsync<DeleteFlowBody>(request), grains)));

    /// <summary>DeleteFlow, whichever wire asked.</summary>
    public static async Task<DeleteFlowData> DeleteFlowAsync(DeleteFlowBody body, IGrainFactory grains)
    {
        await grains.GetFlowGrain(body.FlowName).DeleteFlowAsync(body.ForceDelete ?? false);
        return new DeleteFlowData();
    }

    public static async Task<Ok<ApiEnvelope<StartFlowData>>> StartFlow(HttpRequest request, IGrainFactory grains) =>
        TypedResults.Ok(ApiEnvelope.Ok((await StartFlowAsync(await RequestBody.ReadAsync<StartFlowBody>(request), grains)).ToData()));

    /// <summary>StartFlow (start-flow.md), whichever wire asked.</summary>
    public static Task<StartFlowResult> StartFlowAsync(StartFlowBody body, IGrainFactory grains) =>
        grains.GetFlowGrain(body.FlowName).StartFlowAsync(body.ToContract());

    public static async Task<Ok<ApiEnvelope<StopFlowData>>> StopFlow(HttpRequest request, IGrainFactory grains) =>
        TypedResults.Ok(ApiEnvelope.Ok(await StopFlowAsync(await RequestBody.ReadAsync<FlowNameBody>(request), grains)));

    /// <summary>StopFlow, whichever wire asked.</summary>
    public static async Task<StopFlowData> StopFlowAsync(FlowNameBody body, IGrainFactory grains)
    {
        var result = await grains.GetFlowGrain(body.FlowName).StopFlowAsync();
        return new StopFlowData(result.FlowArn, result.FlowStatus);
    }

    public static async Task<Ok<ApiEnvelope<ExecutionRecordsData>>> DescribeFlowExecutionRecords(HttpRequest request, IGrainFactory grains) =>
        TypedResults.Ok(ApiEnvelope.Ok(await DescribeFlowExecutionRecordsAsync(await RequestBody.ReadAsync<DescribeExecutionRecordsBody>(request), grains)));

    /// <summary>DescribeFlowExecutionRecords, whichever wire asked.</summary>
    public static async Task<ExecutionRecordsData> DescribeFlowExecutionRecordsAsync(DescribeExecutionRecordsBody body, IGrainFactory grains)
    {
        var page = await grains.GetFlowGrain(body.FlowName)
            .DescribeFlowExecutionRecordsAsync(body.MaxResults ?? DefaultMaxResults, body.NextToken);
        return new ExecutionRecordsData(page.FlowExecutions, page.NextToken);
    }

    public static async Task<Ok<ApiEnvelope<CancelFlowExecutionsData>>> CancelFlowExecutions(HttpRequest request, IGrainFactory grains) =>
        TypedResults.Ok(ApiEnvelope.Ok(await CancelFlowExecutionsAsync(await RequestBody.ReadAsync<CancelFlowExecutionsBody>(request), grains)));

    /// <summary>CancelFlowExecutions, whichever wire asked.</summary>
    public static async Task<CancelFlowExecutionsData> CancelFlowExecutionsAsync(CancelFlowExecutionsBody body, IGrainFactory grains)
    {
        var ids = body.ExecutionIds ?? [];
        if (ids.IndexOf(null!) is var nullIndex and >= 0)
        {
            throw Errors.FlowOperationException.Invalid($"executionIds[{nullIndex}]", "must be a string.");
        }

        var result = await grains.GetFlowGrain(body.FlowName).CancelFlowExecutionsAsync([.. ids]);
        return new CancelFlowExecutionsData(result.InvalidExecutions);
    }
}
