using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Threading.Channels;

namespace FlowGrains.Connectors;

/// <summary>
/// For sources: reads the next batches while the run transforms and writes the current one, so decoding
/// records and writing them use two cores. At most <c>depth</c> batches wait; a failure of the source
/// surfaces, as itself, after the batches read before it. Stopping early stops the reading.
/// </summary>
public static class ReadAhead
{
    public static async IAsyncEnumerable<T> Of<T>(IAsyncEnumerable<T> source, int depth, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<T>(new BoundedChannelOptions(depth) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Exception? failure = null;
        var producer = Task.Run(async () =>
        {
            try
            {
                await foreach (var item in source.WithCancellation(stop.Token))
                {
                    await channel.Writer.WriteAsync(item, stop.Token);
                }
            }
            catch (Exception exception)
            {
                failure = exception;
            }
            finally
            {
                channel.Writer.Complete();
            }
        }, CancellationToken.None);

        try
        {
            await foreach (var item in channel.Reader.ReadAllAsync(cancellationToken))
            {
                // Batches already waiting are not handed out once the run is cancelled.
                cancellationToken.ThrowIfCancellationRequested();
                yield return item;
            }

            await producer;
            if (failure is not null)
            {
                ExceptionDispatchInfo.Throw(failure);
            }
        }
        finally
        {
            // The consumer stopped early (or failed): stop reading and let the source close its connection.
            await stop.CancelAsync();
            await producer;
        }
    }
}
