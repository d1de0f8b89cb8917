using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace FlowGrains.Integration.Tests.Infrastructure;

/// <summary>
/// One real FlowGrains host process (silo and front door) on loopback, started from the host's build
/// output with the postgres profile exactly as an operator would: a profile name and environment variables.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private HostProcess(Process process, int httpPort, int siloPort)
    {
        _process = process;
        HttpPort = httpPort;
        SiloPort = siloPort;
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}"), Timeout = TimeSpan.FromSeconds(30) };
        Client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", $"{AdminKeyId}:{AdminKeySecret}");
    }

    /// <summary>The Admin key that test hosts configure and their <see cref="Client"/> presents.</summary>
    public const string AdminKeyId = "AKTESTADMIN0000001";

    /// <summary>The secret of <see cref="AdminKeyId"/>.</summary>
    public const string AdminKeySecret = "test-admin-secret-0123456789abcdef";

    /// <summary>The front door's port.</summary>
    public int HttpPort { get; }

    /// <summary>The silo-to-silo port, which identifies the silo in the membership table.</summary>
    public int SiloPort { get; }

    /// <summary>A client of this host's front door.</summary>
    public HttpClient Client { get; }

    /// <summary>Whether the process is still running.</summary>
    public bool IsRunning => !_process.HasExited;

    /// <summary>What the process printed so far, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts a host with <paramref name="environment"/> added to the postgres profile's settings.</summary>
    public static HostProcess Start(IReadOnlyDictionary<string, string> environment, int httpPort, int siloPort, params string[] arguments)
    {
        // Through env, which then becomes dotnet: a test runner started in the background inherits SIGINT ignored,
        // and the host would pass that on and never see a Ctrl+C.
        var start = new ProcessStartInfo("env")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(HostAssemblyPath)!,
        };
        start.ArgumentList.Add("--default-signal=INT");
        start.ArgumentList.Add("dotnet");
        start.ArgumentList.Add(HostAssemblyPath);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start };
        var host = new HostProcess(process, httpPort, siloPort);
        process.OutputDataReceived += (_, line) => host.Append(line.Data);
        process.ErrorDataReceived += (_, line) => host.Append(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    /// <summary>Waits until <c>/health/ready</c> answers 200: the silo is active and the database answers.</summary>
    public async Task WaitReadyAsync(TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The host on port {HttpPort} exited with code {_process.ExitCode}:\n{Output}");
            }

            try
            {
                using var response = await Client.GetAsync("/health/ready");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The host on port {HttpPort} was not ready in time:\n{Output}");
    }

    /// <summary>Waits for the process to end by itself and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var patience = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(patience.Token);
        return _process.ExitCode;
    }

    /// <summary>Kills the process at once, as <c>kill -9</c> does: no shutdown, no flush, no goodbye to the cluster.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    /// <summary>Stops the process the way an operator's Ctrl+C or SIGTERM does, waiting for its graceful shutdown.</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited)
        {
            return;
        }

        await SignalAsync("TERM");
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(40));
        await _process.WaitForExitAsync(patience.Token);
    }

    /// <summary>Sends the process <paramref name="signal"/> (<c>INT</c> as Ctrl+C does, <c>TERM</c> as a service manager does) without waiting for it to end.</summary>
    public async Task SignalAsync(string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", _process.Id.ToString()]);
        await kill.WaitForExitAsync();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await KillAsync();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private static string HostAssemblyPath { get; } = FindHost();

    private static string FindHost()
    {
        // The host project is built with the tests (a project reference); its output sits beside its sources.
        var configuration = typeof(HostProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "src", "FlowGrains.Host", "bin", configuration, "net10.0", "FlowGrains.Host.dll");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("FlowGrains.Host.dll was not found; build the solution first.");
    }
}
