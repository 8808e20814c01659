namespace AuditInfra.Reader.Layout;

/// <summary>What an object key is, by the delivery layout.</summary>
public enum KeyKind
{
    /// <summary>A delivered log object (<c>akamai_log-…-config|login|k8s.gz</c> in its place).</summary>
    Delivery,

    /// <summary>A destination's connection probe, <c>cloud-logs-test-connection-…</c>: not a log, not a finding.</summary>
    Probe,

    /// <summary>A zero-byte "folder" object a destination with a path creates: not a finding.</summary>
    FolderMarker,

    /// <summary>Matches no delivery pattern: the <c>unexpected_object</c> finding.</summary>
    Unexpected,
}
