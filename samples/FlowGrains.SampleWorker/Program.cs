using FlowGrains.Client;
using FlowGrains.SampleWorker;

var builder = Host.CreateApplicationBuilder(args);
builder.UseFlowGrainsClient();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddOptions<SampleWorkerOptions>()
    .BindConfiguration(SampleWorkerOptions.SectionName)
    .Validate(o => !string.IsNullOrWhiteSpace(o.FlowName), $"{SampleWorkerOptions.SectionName}:FlowName must not be empty.")
    .Validate(o => o.Interval >= TimeSpan.FromSeconds(1), $"{SampleWorkerOptions.SectionName}:Interval must be at least 00:00:01.")
    .Validate(o => o.SourcePath.Length > 0 && o.DestinationPath.Length > 0, $"{SampleWorkerOptions.SectionName}:SourcePath and DestinationPath must not be empty.")
    .ValidateOnStart();
builder.Services.AddHostedService<StartFlowWorker>();
await builder.Build().RunAsync();
