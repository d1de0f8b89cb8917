using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using FlowGrains.Connectors.Egress;

namespace FlowGrains.Testing;

/// <summary>
/// Answers DNS as a test scripts it, the way a hostile server could: per name, one answer per call (the last one
/// repeats), each a list of addresses or nothing (the name does not resolve). Names it was not given go to the system.
/// </summary>
public sealed class ScriptedResolver : IHostResolver
{
    private readonly ConcurrentDictionary<string, (string?[] Answers, int Calls)> _scripts = new(StringComparer.OrdinalIgnoreCase);
    private readonly DnsHostResolver _system = new();

    /// <summary>Scripts <paramref name="host"/>: call n gets <paramref name="answers"/>[n] (comma-separated addresses; null: does not resolve).</summary>
    public void Script(string host, params string?[] answers) => _scripts[host] = (answers, 0);

    /// <summary>How often <paramref name="host"/> was resolved since it was scripted.</summary>
    public int Calls(string host) => _scripts.TryGetValue(host, out var script) ? script.Calls : 0;

    /// <inheritdoc />
    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        if (!_scripts.TryGetValue(host, out var script))
        {
            return _system.ResolveAsync(host, cancellationToken);
        }

        _scripts[host] = (script.Answers, script.Calls + 1);
        var answer = script.Answers[Math.Min(script.Calls, script.Answers.Length - 1)];
        return answer is null
            ? Task.FromException<IPAddress[]>(new SocketException((int)SocketError.HostNotFound))
            : Task.FromResult(answer.Split(',').Select(IPAddress.Parse).ToArray());
    }
}
