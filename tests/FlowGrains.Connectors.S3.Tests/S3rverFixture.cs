using System.Diagnostics;
using System.Text.RegularExpressions;
using Amazon.Runtime;
using Amazon.S3;

namespace FlowGrains.Connectors.S3.Tests;

/// <summary>
/// A private s3rver (an S3-compatible server on Node.js) on a free loopback port with a temporary data folder,
/// started once for the collection and killed at its end. s3rver is installed from tools/s3rver by
/// <c>npm ci --prefix tools/s3rver</c>; its default credentials are S3RVER / S3RVER.
/// </summary>
public sealed partial class S3rverFixture : IAsyncLifetime
{
    public const string AccessKeyId = "S3RVER";
    public const string SecretAccessKey = "S3RVER";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private readonly string _directory = Directory.CreateTempSubdirectory("flowgrains-s3rver-").FullName;
    private Process? _process;
    private int _buckets;

    /// <summary>The server's URL, such as http://127.0.0.1:40425/.</summary>
    public Uri EndpointUrl { get; private set; } = null!;

    /// <summary>A client on the server with s3rver's credentials, for arranging and checking buckets.</summary>
    public IAmazonS3 Client { get; private set; } = null!;

    private static async Task InstallAsync(string tools)
    {
        var install = new ProcessStartInfo("npm") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "ci", "--prefix", tools, "--no-audit", "--no-fund" })
        {
            install.ArgumentList.Add(argument);
        }

        using var npm = Process.Start(install)!;
        var output = npm.StandardOutput.ReadToEndAsync();
        var errors = npm.StandardError.ReadToEndAsync();
        await npm.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
        if (npm.ExitCode != 0)
        {
            throw new InvalidOperationException($"`npm ci --prefix tools/s3rver` failed ({npm.ExitCode}): {await output}{await errors}");
        }
    }

    public async Task InitializeAsync()
    {
        var tools = Path.Combine(RepositoryRoot(), "tools", "s3rver");
        var script = Path.Combine(tools, "node_modules", "s3rver", "bin", "s3rver.js");
        if (!File.Exists(script))
        {
            // So `dotnet test` works as the README gives it on a fresh clone: install the pinned s3rver once.
            await InstallAsync(tools);
        }

        if (!File.Exists(script))
        {
            throw new InvalidOperationException(
                $"s3rver is not installed ({script} is missing): run `npm ci --prefix tools/s3rver` in the repository root.");
        }

        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { script, "--directory", _directory, "--address", "127.0.0.1", "--port", "0", "--silent" })
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("node could not be started.");
        var port = await ReadPortAsync(_process).WaitAsync(StartTimeout);

        // Keep draining its output so the pipe never fills and blocks the server.
        _ = _process.StandardOutput.ReadToEndAsync();
        EndpointUrl = new Uri($"http://127.0.0.1:{port}/");
        Client = new AmazonS3Client(
            new BasicAWSCredentials(AccessKeyId, SecretAccessKey),
            new AmazonS3Config
            {
                ServiceURL = EndpointUrl.ToString(),
                ForcePathStyle = true,
                AuthenticationRegion = "us-east-1",
                RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
                ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            });
    }

    /// <summary>Creates a bucket of its own for one test.</summary>
    public async Task<string> CreateBucketAsync()
    {
        var name = $"test-{Interlocked.Increment(ref _buckets)}-{Guid.NewGuid():N}"[..30];
        await Client.PutBucketAsync(name);
        return name;
    }

    /// <summary>Puts an object with text content, as an uploader would.</summary>
    public async Task PutAsync(string bucket, string key, string content) =>
        await Client.PutObjectAsync(new Amazon.S3.Model.PutObjectRequest { BucketName = bucket, Key = key, ContentBody = content, UseChunkEncoding = false });

    public Task DisposeAsync()
    {
        Client?.Dispose();
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process?.Dispose();
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    private static async Task<int> ReadPortAsync(Process process)
    {
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (ListeningLine().Match(line) is { Success: true } match)
            {
                return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException("s3rver exited before listening (its error output is above).");
    }

    // The test assembly runs from tests/<project>/bin/<configuration>/<framework>/ inside the repository.
    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "FlowGrains.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No FlowGrains.sln above {AppContext.BaseDirectory}.");
    }

    [GeneratedRegex(@"S3rver listening on [^:]+:(\d+)")]
    private static partial Regex ListeningLine();
}

[CollectionDefinition(Name)]
public sealed class S3rverCollection : ICollectionFixture<S3rverFixture>
{
    public const string Name = "s3rver";
}
