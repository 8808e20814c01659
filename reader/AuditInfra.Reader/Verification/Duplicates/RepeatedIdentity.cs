namespace AuditInfra.Reader.Verification.Duplicates;

/// <summary>A record identity read again: where the copy was read, where the identity was first read, and the identity as a person reads it.</summary>
/// <param name="Object">Ordinal (listing order) of the object holding the copy.</param>
/// <param name="Line">1-based line of the copy.</param>
/// <param name="FirstObject">Ordinal of the object where the identity was first read (listing order, then line).</param>
/// <param name="FirstLine">1-based line of the first read.</param>
/// <param name="Identity">The identity, e.g. <c>source "/service/vpc" id "…"</c>.</param>
/// <param name="ComparedByHash">True only for identities longer than the ledger keeps: they were compared by their 128-bit hash and kept prefix.</param>
public readonly record struct RepeatedIdentity(int Object, long Line, int FirstObject, long FirstLine, string Identity, bool ComparedByHash);
