using AuditInfra.Policy.Program;

namespace AuditInfra.Policy.Model;

/// <summary>
/// The resources of one stack as one source shows them: the program with this stack's config, or a preview.
/// A preview made without <c>--show-sames</c> leaves unchanged resources out; <see cref="IsComplete"/> says so
/// and the rules that count resources then stay silent rather than guess.
/// </summary>
public sealed record StackView(
    string Stack,
    string Environment,
    ViewSource Source,
    string SourceFile,
    IReadOnlyList<AuditResource> Resources,
    bool IsComplete,
    ProjectFiles? Files,
    StackFile? StackFile)
{
    public IEnumerable<AuditResource> OfType(string type) => Resources.Where(r => r.Type == type && !r.IsGone);

    /// <summary>Where a finding about something missing from the whole stack points: its first resource, or Pulumi.yaml.</summary>
    public Values.SourceLocation Anchor => Resources.Count > 0 ? Resources[0].Location : new Values.SourceLocation(Files?.Project.File ?? SourceFile, 1, 1);

    /// <summary>What the report lists as checked: the view and the environment whose rules it was held to.</summary>
    public string Checked => $"{Describe} as {Environment}";

    public string Describe => Source switch
    {
        ViewSource.Program => $"stack {Stack} ({SourceFile})",
        ViewSource.Preview => $"stack {Stack} (preview {SourceFile})",
        ViewSource.Removed => $"stack {Stack} ({SourceFile} on the base branch, deleted by this change)",
        _ => $"stack {Stack} ({SourceFile})",
    };
}
