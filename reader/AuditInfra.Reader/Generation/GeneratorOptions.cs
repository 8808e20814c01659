using AuditInfra.Reader.Verification;

namespace AuditInfra.Reader.Generation;

/// <summary>What a synthetic delivery contains. The same options and seed always give the same bytes.</summary>
public sealed class GeneratorOptions
{
    public int Seed { get; set; } = 1;

    public DateOnly From { get; set; }

    public DateOnly To { get; set; }

    /// <summary>Accounts (euuids) delivering <c>audit_logs</c>.</summary>
    public int Accounts { get; set; } = 1;

    /// <summary>LKE clusters per account delivering <c>lke_audit_logs</c> (0 for none).</summary>
    public int Clusters { get; set; } = 1;

    /// <summary><c>-config</c> objects per account and day.</summary>
    public int ConfigObjectsPerDay { get; set; } = 3;

    /// <summary><c>-login</c> objects per account and day.</summary>
    public int LoginObjectsPerDay { get; set; } = 1;

    /// <summary><c>-k8s</c> objects per cluster and day.</summary>
    public int KubernetesObjectsPerDay { get; set; } = 2;

    public int RecordsPerObject { get; set; } = 20;

    /// <summary>Write a destination probe object (and, with a path, a folder object), as Akamai does.</summary>
    public bool Probe { get; set; } = true;

    /// <summary>Write one empty delivery object (Akamai delivers some); not a finding.</summary>
    public bool EmptyObject { get; set; } = true;

    /// <summary>A destination <c>path</c>: objects go flat under it instead of the default layout.</summary>
    public string? Path { get; set; }

    /// <summary>Faster, larger gzip (for big benchmark corpora).</summary>
    public bool FastCompression { get; set; }

    /// <summary>Finding kinds to inject, each exactly once (<c>unlocked_object</c> cannot be made by writing objects).</summary>
    public ISet<FindingKind> Anomalies { get; set; } = new HashSet<FindingKind>();
}
