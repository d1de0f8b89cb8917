using FlowGrains.Host.Apis;
using FlowGrains.Host.Apis.Aws;
using FlowGrains.Host.Auth;
using FlowGrains.Host.Health;
using FlowGrains.Host.Hosting;

if (args is [SchemaCommand.Verb, ..])
{
    return await SchemaCommand.RunAsync(args[1..]);
}

if (args is [KeysCommand.Verb, ..])
{
    return KeysCommand.Run(args[1..], Console.Out, Console.Error);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddSiloProfile();
builder.AddFlowGrainsSilo();
builder.AddGracefulShutdown();
builder.AddFrontDoor();
builder.AddAwsWire();
builder.AddFlowGrainsAuth();
builder.AddHealthEndpoints();
builder.AddFlowGrainsTelemetry();

var app = builder.Build();
app.UseAwsRequestIds();
app.UseFrontDoorErrors();
app.UseFlowsConsole();
app.UseFlowGrainsAuth();
app.MapOpenApi();
app.MapFlowGrainsDashboard();
app.MapHealthEndpoints();
app.MapMetrics();
app.MapFlowsApi();
app.MapEventsApi();
app.MapConnectorProfilesApi();
app.MapConnectorEntitiesApi();
app.MapAccessKeysApi();
app.MapTagsApi();
app.MapAwsWire();
app.ReportProfileOnStart();
await app.RunAsync();
return 0;

/// <summary>The host's entry point; public so tests can host it.</summary>
public partial class Program;
