using System.Buffers;
using System.Buffers.Binary;
using AuditInfra.Grpc.Messages;
using Microsoft.AspNetCore.Http;

namespace AuditInfra.Grpc.Hosting;

/// <summary>
/// Bounds the memory large calls can take at once. A unary call of N bytes costs a multiple of N while it runs (the
/// request buffered by Kestrel, the message parsed from it, the serialized answer: about 2N for the provider, whose
/// Structs keep strings as UTF-8, more for a plugin that parses strings into UTF-16). This middleware
/// reads the gRPC length prefix of the request before the rest of the body is buffered and admits calls whose
/// messages of at least <see cref="Threshold"/> bytes fit, together, into <c>budget</c> bytes; the others wait (FIFO)
/// without their bodies, which HTTP/2 flow control holds back at the peer, and small calls are never held. A message
/// larger than the whole budget runs alone. Compressed messages count as the largest allowed message, since their
/// size after decompression is not known yet. The budget is returned when the answer has been taken (after
/// <see cref="ResponseDrain"/>) or the call ended otherwise. When the last large call has ended and they brought
/// <see cref="CollectAfterBytes"/> or more since the last time, <c>giveBack</c> runs a second later and again ten
/// seconds later (once the connections have returned their buffers): the plugin passes one that trims Kestrel's buffer pools and runs a full
/// compacting garbage collection, since nothing else would in an idle plugin, which then held the size of its
/// largest call.
/// </summary>
internal sealed class LargeMessageBudget(long budget, Action giveBack)
{
    /// <summary>Messages below this size (the engine's usual traffic) are not counted.</summary>
    public const int Threshold = 1024 * 1024;

    /// <summary>Large-message bytes after which an idle budget collects (a 1 MiB call alone is not worth a pause).</summary>
    public const long CollectAfterBytes = 32L * 1024 * 1024;

    private readonly object _gate = new();
    private readonly LinkedList<(long Bytes, TaskCompletionSource Admitted)> _waiting = new();
    private long _inUse;
    private long _sinceCollect;

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var bytes = await MessageBytesAsync(context);
        if (bytes < Threshold)
        {
            await next(context);
            return;
        }

        var cost = Math.Min(bytes, budget);
        await AcquireAsync(cost, context.RequestAborted);
        try
        {
            await next(context);
        }
        finally
        {
            Release(cost);
        }
    }

    /// <summary>The size the gRPC prefix announces, without consuming it (0 for a body shorter than the prefix).</summary>
    private static async Task<long> MessageBytesAsync(HttpContext context)
    {
        var reader = context.Request.BodyReader;
        var read = await reader.ReadAtLeastAsync(5, context.RequestAborted);
        var buffer = read.Buffer;
        long bytes = 0;
        if (buffer.Length >= 5)
        {
            Span<byte> prefix = stackalloc byte[5];
            buffer.Slice(0, 5).CopyTo(prefix);
            bytes = prefix[0] != 0 ? MessageLimits.MaxMessageBytes : BinaryPrimitives.ReadUInt32BigEndian(prefix[1..]);
        }

        reader.AdvanceTo(buffer.Start, buffer.Start); // nothing consumed or examined: gRPC reads it all again
        return bytes;
    }

    private async Task AcquireAsync(long cost, CancellationToken cancellationToken)
    {
        LinkedListNode<(long Bytes, TaskCompletionSource Admitted)> node;
        lock (_gate)
        {
            if (_waiting.Count == 0 && _inUse + cost <= budget)
            {
                _inUse += cost;
                return;
            }

            node = _waiting.AddLast((cost, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)));
        }

        // A call abandoned while it waits leaves the queue; one admitted meanwhile keeps its share until it ends.
        await using var abandoned = cancellationToken.Register(() =>
        {
            lock (_gate)
            {
                if (node.List is null)
                {
                    return;
                }

                _waiting.Remove(node);
                AdmitWaiting();
            }

            node.Value.Admitted.TrySetCanceled(cancellationToken);
        });
        await node.Value.Admitted.Task;
    }

    private void Release(long cost)
    {
        bool collect;
        lock (_gate)
        {
            _inUse -= cost;
            _sinceCollect += cost;
            AdmitWaiting();
            collect = _inUse == 0 && _sinceCollect >= CollectAfterBytes;
            if (collect)
            {
                _sinceCollect = 0;
            }
        }

        if (collect)
        {
            _ = GiveBackWhenStillIdleAsync();
        }
    }

    /// <summary>Gives back 1 s and again 10 s after the last large call (buffers of connections closed later).</summary>
    private async Task GiveBackWhenStillIdleAsync()
    {
        foreach (var delay in new[] { TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(9) })
        {
            await Task.Delay(delay);
            lock (_gate)
            {
                if (_inUse != 0)
                {
                    return; // a new large call runs; the one that ends last gives back
                }
            }

            giveBack();
        }
    }

    /// <summary>Admits waiting calls in order while they fit (the first one always fits into an empty budget).</summary>
    private void AdmitWaiting()
    {
        while (_waiting.First is { } first && _inUse + first.Value.Bytes <= budget)
        {
            _waiting.RemoveFirst();
            _inUse += first.Value.Bytes;
            first.Value.Admitted.TrySetResult();
        }
    }
}
