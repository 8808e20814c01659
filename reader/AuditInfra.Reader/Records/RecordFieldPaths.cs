namespace AuditInfra.Reader.Records;

/// <summary>
/// Where the undocumented fields of a CloudEvent's <c>data</c> live (DESIGN.md, "Assumed shape of data").
/// Dotted paths from the record root; each is a setting (section <c>Fields</c> of the reader's configuration)
/// so a real shape can be mapped without a release.
/// </summary>
public sealed class RecordFieldPaths
{
    public string EventCode { get; set; } = "data.eventcode";

    public string Actor { get; set; } = "data.user.username";

    public string ActorFallback { get; set; } = "data.user.email";

    public string SourceIp { get; set; } = "data.ip";

    public string UserAgent { get; set; } = "data.useragent";

    public string Outcome { get; set; } = "data.status";

    public string EntityId { get; set; } = "data.entity.id";

    public string EntityType { get; set; } = "data.entity.type";
}
