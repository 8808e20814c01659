namespace AuditInfra.Reader.Layout;

/// <summary>An object key read against the delivery layout.</summary>
public sealed record DeliveryKey
{
    public required string Key { get; init; }

    public required KeyKind Kind { get; init; }

    /// <summary>For <see cref="KeyKind.Unexpected"/>: why the key matches no pattern.</summary>
    public string? Reason { get; init; }

    public DeliveryPartition? Partition { get; init; }

    /// <summary>The UTC day the key files the object under (its date folders, or with a custom path the file's timestamp).</summary>
    public DateOnly? Day { get; init; }

    public LogCategory? Category { get; init; }

    /// <summary>The unix-seconds field of the file name.</summary>
    public long? FileTimestamp { get; init; }

    public static DeliveryKey Unexpected(string key, string reason) => new() { Key = key, Kind = KeyKind.Unexpected, Reason = reason };
}
