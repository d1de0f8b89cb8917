using System.Runtime.CompilerServices;
using FlowGrains.Connectors;

namespace FlowGrains.Grains.Tests.Connectors;

public sealed class ReadAheadTests
{
    private sealed class CountingSource(int count, int failAfter = -1)
    {
        private int _produced;

        public int Produced => Volatile.Read(ref _produced);

        public bool Closed { get; private set; }

        public async IAsyncEnumerable<int> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            try
            {
                for (var i = 0; i < count; i++)
                {
                    if (i == failAfter)
                    {
                        throw new ConnectorException($"The source failed after {failAfter} items.");
                    }

                    cancellationToken.ThrowIfCancellationRequested();
                    Interlocked.Increment(ref _produced);
                    await Task.Yield();
                    yield return i;
                }
            }
            finally
            {
                Closed = true;
            }
        }
    }

    [Fact]
    public async Task Items_ComeInTheSourcesOrder_AndNeverMoreThanDepthPlusOneAhead()
    {
        var source = new CountingSource(200);
        var seen = new List<int>();

        await foreach (var item in ReadAhead.Of(source.ReadAsync(), depth: 2, CancellationToken.None))
        {
            seen.Add(item);
            Assert.InRange(source.Produced, seen.Count, seen.Count + 3);
        }

        Assert.Equal(Enumerable.Range(0, 200), seen);
    }

    [Fact]
    public async Task AFailure_SurfacesAsItself_AfterTheItemsReadBeforeIt()
    {
        var source = new CountingSource(10, failAfter: 4);
        var seen = new List<int>();

        var error = await Assert.ThrowsAsync<ConnectorException>(async () =>
        {
            await foreach (var item in ReadAhead.Of(source.ReadAsync(), depth: 2, CancellationToken.None))
            {
                seen.Add(item);
            }
        });

        Assert.Equal("The source failed after 4 items.", error.Message);
        Assert.Equal([0, 1, 2, 3], seen);
    }

    [Fact]
    public async Task StoppingEarly_ClosesTheSource()
    {
        var source = new CountingSource(1000);

        await foreach (var item in ReadAhead.Of(source.ReadAsync(), depth: 2, CancellationToken.None))
        {
            break;
        }

        Assert.True(source.Closed);
        Assert.InRange(source.Produced, 1, 4);
    }

    [Fact]
    public async Task Cancellation_StopsTheReading()
    {
        var source = new CountingSource(1000);
        using var cancel = new CancellationTokenSource();
        var seen = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var item in ReadAhead.Of(source.ReadAsync(), depth: 2, cancel.Token))
            {
                if (++seen == 3)
                {
                    await cancel.CancelAsync();
                }
            }
        });

        Assert.True(source.Closed);
        Assert.Equal(3, seen);
    }
}
