namespace AuditInfra.Policy.Evaluation;

/// <summary>
/// What to check: the project folder, optionally one stack, the previews, the base branch's project folder
/// (for "never lowered" without a preview), the settings file and today's date (for suppression expiry).
/// </summary>
public sealed record PolicyCheckRequest(
    string ProjectDirectory,
    string? Stack = null,
    IReadOnlyList<string>? Previews = null,
    string? BaseDirectory = null,
    string? SettingsFile = null,
    DateOnly? Today = null);
