using AuditInfra.Policy.Model;

namespace AuditInfra.Policy.Preview;

/// <summary>The resources one <c>pulumi preview --json</c> shows for its stack.</summary>
public sealed record PreviewDocument(string File, string Stack, string Project, IReadOnlyList<AuditResource> Resources, bool IsComplete);
