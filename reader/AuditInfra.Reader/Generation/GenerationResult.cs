using AuditInfra.Reader.Verification;

namespace AuditInfra.Reader.Generation;

/// <summary>What was written, and where each injected anomaly is (what verify should find).</summary>
public sealed record GenerationResult(long Objects, long Records, long StoredBytes, long UncompressedBytes, IReadOnlyList<Finding> Injected);
