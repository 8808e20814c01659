namespace AuditInfra.Reader.Layout;

/// <summary>
/// One series of daily folders: a stream type, an account (euuid) and, for LKE, a cluster partition
/// (<c>lke12345</c>). Missing days are counted per partition. With a custom destination path, account and
/// cluster are unknown (empty).
/// </summary>
public sealed record DeliveryPartition(StreamType Stream, string Account, string? Cluster)
{
    /// <summary>The key prefix the partition's day folders live under (default layout), or the custom path.</summary>
    public string Prefix { get; init; } = string.Empty;

    public override string ToString() => Prefix.Length > 0 ? Prefix : $"{StreamTypes.Name(Stream)}/{Account}/{Cluster}";
}
