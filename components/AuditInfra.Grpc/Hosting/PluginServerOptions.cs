namespace AuditInfra.Grpc.Hosting;

/// <summary>
/// Kestrel limits for a plugin's gRPC server. The engine opens one or two HTTP/2 connections per plugin and
/// multiplexes its calls on them, so the limits are far above what it needs and far below what exhausts the
/// process: excess connections are refused (Kestrel closes them at once), idle and silent ones are closed.
/// </summary>
public sealed class PluginServerOptions
{
    /// <summary>Open connections at once; further ones are closed on accept. About 20,000 idle ones exhausted an unlimited server.</summary>
    public int MaxConnections { get; init; } = 256;

    /// <summary>Concurrent calls on one connection (HTTP/2 SETTINGS_MAX_CONCURRENT_STREAMS); gRPC clients queue beyond it, others get REFUSED_STREAM.</summary>
    public int MaxStreamsPerConnection { get; init; } = 128;

    /// <summary>
    /// A connection with no call in flight for this long is closed (HTTP/2 GOAWAY); gRPC clients reconnect on their
    /// next call. Kestrel also applies it to a connection that never sends the HTTP/2 preface, so it decides how long
    /// silent sockets hold one of the <see cref="MaxConnections"/> slots.
    /// </summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Time for a request's headers (and the HTTP/2 preface) to arrive: a socket that connects and says nothing is closed.</summary>
    public TimeSpan HeadersTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>After this long without a frame the server pings; a peer that does not answer within <see cref="PingTimeout"/> is gone (half-open socket).</summary>
    public TimeSpan PingDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>See <see cref="PingDelay"/>.</summary>
    public TimeSpan PingTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// After a handler has answered, the peer gets this long to take the answer (HTTP/2 flow control lets a peer stop
    /// reading); then the stream is reset and its buffered answer released. Without it an answer of up to 400 MiB
    /// stays in memory until the connection closes, and the peer can keep that open with keep-alive pings.
    /// </summary>
    public TimeSpan ResponseDrainTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Bytes of large messages (1 MiB and more) handled at once; further large calls wait for their turn
    /// (<see cref="LargeMessageBudget"/>). A provider call costs about twice its message while it runs (the request
    /// buffered by Kestrel, then the Struct bytes the answer shares; docs/provider.md), so the default keeps large calls
    /// together near 0.5 GiB plus what the GC has not yet collected; one message may be up to 400 MiB and then runs alone.
    /// </summary>
    public long LargeMessageBudget { get; init; } = 256L * 1024 * 1024;

    /// <summary>
    /// Bytes of Kestrel's free 4 KiB buffer blocks kept for reuse after large calls (<see cref="TrimmableBlockPool"/>);
    /// the blocks a large message needed beyond this are released when the last large call is done.
    /// </summary>
    public int RetainedBufferBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>In-flight calls get this long to finish at shutdown.</summary>
    public TimeSpan StopGrace { get; init; } = TimeSpan.FromSeconds(3);
}
