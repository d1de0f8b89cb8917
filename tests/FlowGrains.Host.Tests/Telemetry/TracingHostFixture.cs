using System.Collections.Concurrent;
using System.Diagnostics;
using FlowGrains.Host.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace FlowGrains.Host.Tests.Telemetry;

/// <summary>
/// The host with tracing on, as an OTLP endpoint turns it on; nothing listens there, and the spans the tests
/// read are the ones an in-memory exporter collects beside it.
/// </summary>
public sealed class TracingHostFixture : HostFixture
{
    private readonly List<Activity> _exported = [];

    /// <summary>The spans ended so far.</summary>
    public IReadOnlyList<Activity> Spans
    {
        get
        {
            lock (_exported)
            {
                return [.. _exported];
            }
        }
    }

    protected override IWebHostBuilder Configure(IWebHostBuilder host) => host
        .UseSetting("FlowGrains:Telemetry:OtlpEndpoint", "http://127.0.0.1:9")
        .ConfigureServices(services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(new SynchronizedList(_exported))));

    /// <summary>Spans end on many threads; the exporter adds them under the list's lock.</summary>
    private sealed class SynchronizedList(List<Activity> inner) : ICollection<Activity>
    {
        public int Count => inner.Count;

        public bool IsReadOnly => false;

        public void Add(Activity item)
        {
            lock (inner)
            {
                inner.Add(item);
            }
        }

        public void Clear()
        {
            lock (inner)
            {
                inner.Clear();
            }
        }

        public bool Contains(Activity item) => throw new NotSupportedException();

        public void CopyTo(Activity[] array, int arrayIndex) => throw new NotSupportedException();

        public bool Remove(Activity item) => throw new NotSupportedException();

        public IEnumerator<Activity> GetEnumerator() => throw new NotSupportedException();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}

/// <summary>A host whose settings come through the process's environment runs alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TracingHostCollection : ICollectionFixture<TracingHostFixture>
{
    public const string Name = "TracingHost";
}
