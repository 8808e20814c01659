namespace AuditInfra.Reader.Catalog;

/// <summary>One row of Akamai's published event-code catalog.</summary>
/// <param name="Code">The code as it appears in <c>data.eventcode</c>, e.g. <c>post-linode-instance</c>.</param>
/// <param name="Service">The catalog's service heading: Platform, Compute, Storage, Networking, Databases, Monitoring.</param>
/// <param name="Group">The catalog's group heading: Profile, Linodes, Object Storage, …</param>
/// <param name="Description">What the event records.</param>
/// <param name="Operation">The related Linode API operation.</param>
public sealed record EventCode(string Code, string Service, string Group, string Description, string Operation)
{
    /// <summary>The verb the code starts with (post, put, delete), which investigation maps to an action.</summary>
    public string Method => Code[..Math.Max(0, Code.IndexOf('-', StringComparison.Ordinal))];
}
