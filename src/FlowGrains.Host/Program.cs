using FlowGrains.Host.Apis;
using FlowGrains.Host.Hosting;
using Orleans.Dashboard;

var builder = WebApplication.CreateBuilder(args);
builder.AddSiloProfile();
builder.AddFlowGrainsSilo();
builder.AddFrontDoor();

var app = builder.Build();
app.UseFrontDoorErrors();
app.MapOpenApi();
app.MapOrleansDashboard(routePrefix: "/dashboard");
app.MapFlowsApi();
app.MapEventsApi();
app.ReportProfileOnStart();
app.Run();

/// <summary>The host's entry point; public so tests can host it.</summary>
public partial class Program;
