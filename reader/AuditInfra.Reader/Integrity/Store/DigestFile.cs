namespace AuditInfra.Reader.Integrity.Store;

/// <summary>One digest ready to be written: its key relative to the source root and its exact bytes.</summary>
public sealed record DigestFile(string Key, byte[] Content);
