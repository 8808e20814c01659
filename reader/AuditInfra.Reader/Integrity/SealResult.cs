namespace AuditInfra.Reader.Integrity;

/// <summary>What one <c>seal</c> run did.</summary>
/// <param name="Streams">Streams considered.</param>
/// <param name="Digests">Digests written (first digests of periods and addenda).</param>
/// <param name="Addenda">Of those, addenda sealing late arrivals.</param>
/// <param name="EmptyPeriods">Of those, digests of periods without any object.</param>
/// <param name="AlreadySealed">Closed periods in the range that had a digest already.</param>
/// <param name="Objects">Objects read and sealed.</param>
/// <param name="Bytes">Stored bytes read.</param>
/// <param name="NotSealed">Objects in sealed periods that arrived after the late window: never sealed (verify: object_injected).</param>
/// <param name="WrittenKeys">The digest keys written, in order.</param>
public sealed record SealResult(
    int Streams, int Digests, int Addenda, int EmptyPeriods, int AlreadySealed, long Objects, long Bytes, IReadOnlyList<string> NotSealed, IReadOnlyList<string> WrittenKeys);
