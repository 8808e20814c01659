using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace AuditInfra.Reader.Layout;

/// <summary>
/// Concatenates listings in order while the next ones already run: with S3's latency, the walker's day folders
/// (and streams, accounts, months) listed one after another cost a round trip each, most of a short run. Each part
/// runs on its own task into a bounded buffer; at most <c>ahead</c> parts run beyond the one being handed on, and
/// parts nest (a stream's accounts, a month's days), so the source bounds its requests in flight itself
/// (<see cref="Sources.ILogSource.ConcurrentListings"/>). Items come out in exactly the order of a plain
/// concatenation, and a part's failure surfaces when the consumer reaches it.
/// </summary>
internal static class ListingAhead
{
    private const int BufferedPerPart = 4096;

    public static async IAsyncEnumerable<T> ConcatAsync<T>(
        IAsyncEnumerable<Func<CancellationToken, IAsyncEnumerable<T>>> parts, int ahead, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (ahead <= 1)
        {
            await foreach (var part in parts.WithCancellation(cancellationToken))
            {
                await foreach (var item in part(cancellationToken))
                {
                    yield return item;
                }
            }

            yield break;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var window = new Queue<(ChannelReader<T> Items, Task Run)>();
        var listing = parts.GetAsyncEnumerator(stop.Token);
        try
        {
            var more = true;
            while (true)
            {
                while (more && window.Count <= ahead)
                {
                    more = await listing.MoveNextAsync();
                    if (more)
                    {
                        window.Enqueue(Start(listing.Current, stop.Token));
                    }
                }

                if (!window.TryDequeue(out var next))
                {
                    break;
                }

                await foreach (var item in next.Items.ReadAllAsync(cancellationToken))
                {
                    yield return item;
                }
            }
        }
        finally
        {
            // A consumer that stops early (or a failure) must not leave listings running on a source about to be disposed.
            await StopAsync(stop, window.Select(part => part.Run));
            await listing.DisposeAsync();
        }
    }

    /// <summary>One part of <see cref="ConcatAsync{T}"/> that is a single item (an object met beside the folders).</summary>
    public static Func<CancellationToken, IAsyncEnumerable<T>> One<T>(T item) => _ => Single(item);

    private static async IAsyncEnumerable<T> Single<T>(T item)
    {
        await Task.CompletedTask;
        yield return item;
    }

    /// <summary>
    /// Cancels <paramref name="stop"/> and waits for every run started with it to end, whatever its outcome (a run's
    /// failure is its buffer's, surfaced where that buffer is read, if it is).
    /// </summary>
    public static async Task StopAsync(CancellationTokenSource stop, IEnumerable<Task> runs)
    {
        await stop.CancelAsync();
        foreach (var run in runs)
        {
            await run.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        }
    }

    /// <summary>Runs one part on its own task into a bounded buffer; its failure completes the buffer with that exception.</summary>
    public static (ChannelReader<T> Items, Task Run) Start<T>(Func<CancellationToken, IAsyncEnumerable<T>> part, CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<T>(new BoundedChannelOptions(BufferedPerPart) { SingleReader = true, SingleWriter = true });
        var run = Task.Run(
            async () =>
            {
                try
                {
                    await foreach (var item in part(cancellationToken))
                    {
                        await channel.Writer.WriteAsync(item, cancellationToken);
                    }

                    channel.Writer.Complete();
                }
                catch (Exception ex)
                {
                    channel.Writer.Complete(ex);
                }
            },
            CancellationToken.None);
        return (channel.Reader, run);
    }
}
