namespace FlowGrains.Host.Apis.Requests;

/// <summary>What /create-flow and /update-flow both carry: a flow's definition.</summary>
public abstract class FlowDefinitionBody
{
    public string? FlowName { get; set; }
    public string? Description { get; set; }
    public TriggerConfigBody? TriggerConfig { get; set; }
    public SourceFlowConfigBody? SourceFlowConfig { get; set; }
    public List<DestinationFlowConfigBody>? DestinationFlowConfigList { get; set; }
    public List<TaskBody>? Tasks { get; set; }
    public string? ClientToken { get; set; }

    /// <summary>FlowGrains extension: the time limit of one run, in seconds (the silo's default when absent).</summary>
    public int? RunTimeLimitSeconds { get; set; }
}

/// <summary>The body of /create-flow.</summary>
public sealed class CreateFlowBody : FlowDefinitionBody
{
    public Dictionary<string, string>? Tags { get; set; }
}

/// <summary>The body of /update-flow.</summary>
public sealed class UpdateFlowBody : FlowDefinitionBody;

/// <summary>The body of /start-flow.</summary>
public sealed class StartFlowBody
{
    public string? FlowName { get; set; }
    public string? ClientToken { get; set; }
    public Dictionary<string, string>? Parameters { get; set; }
}

/// <summary>The body of operations that only name a flow (/describe-flow, /stop-flow).</summary>
public sealed class FlowNameBody
{
    public string? FlowName { get; set; }
}

/// <summary>The body of /delete-flow.</summary>
public sealed class DeleteFlowBody
{
    public string? FlowName { get; set; }
    public bool? ForceDelete { get; set; }
}

/// <summary>The body of /list-flows.</summary>
public sealed class ListFlowsBody
{
    public int? MaxResults { get; set; }
    public string? NextToken { get; set; }
}

/// <summary>The body of /describe-flow-execution-records.</summary>
public sealed class DescribeExecutionRecordsBody
{
    public string? FlowName { get; set; }
    public int? MaxResults { get; set; }
    public string? NextToken { get; set; }
}

/// <summary>The body of /cancel-flow-executions.</summary>
public sealed class CancelFlowExecutionsBody
{
    public string? FlowName { get; set; }
    public List<string>? ExecutionIds { get; set; }
}
