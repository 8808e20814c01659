using AuditInfra.Reader.Layout;

namespace AuditInfra.Reader.Integrity.Digests;

/// <summary>
/// The signed content of one digest: every delivery object of one stream and period, where it sits in the stream's
/// chain, and who signed it. Serialized by <see cref="DigestCodec"/>; the signature covers the exact bytes written.
/// </summary>
/// <param name="Stream">Stream type, account and cluster (a custom path: account empty).</param>
/// <param name="Period">The period sealed.</param>
/// <param name="Sequence">1 for a stream's first digest, then one more per digest, in the order they were written.</param>
/// <param name="Addendum">True for a digest that seals objects which arrived after the period's first digest.</param>
/// <param name="CreatedAt">When the digest was made (UTC).</param>
/// <param name="LateWindow">How long after the period's end an arrival still counts as a late delivery (sealed by an addendum)
/// rather than an injection; signed so that verify judges by the sealer's rule.</param>
/// <param name="SignerKeyId">The id of the public key that verifies the signature (see <c>Signing.KeyId</c>).</param>
/// <param name="Previous">The link to the stream's previous digest, or null for the first.</param>
/// <param name="Objects">The objects sealed, in key order (empty for a period without deliveries).</param>
public sealed record Digest(
    DeliveryPartition Stream,
    SealPeriod Period,
    long Sequence,
    bool Addendum,
    DateTimeOffset CreatedAt,
    TimeSpan LateWindow,
    string SignerKeyId,
    DigestLink? Previous,
    IReadOnlyList<SealedObject> Objects)
{
    /// <summary>The format version written into every digest.</summary>
    public const int FormatVersion = 1;
}
