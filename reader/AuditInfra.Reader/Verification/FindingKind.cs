namespace AuditInfra.Reader.Verification;

/// <summary>The finding kinds of the report contract (DESIGN.md). Their JSON names are <see cref="FindingKinds.Name"/>.</summary>
public enum FindingKind
{
    UnknownEventCode,
    MalformedRecord,
    CorruptObject,
    DuplicateRecord,
    PartitionMismatch,
    MissingDay,
    UnexpectedObject,
    UnlockedObject,
    DigestMissing,
    DigestInvalid,
    ChainBroken,
    ObjectDeleted,
    ObjectModified,
    ObjectInjected,
    LateObject,

    /// <summary>
    /// An object the source could not deliver whole after the retries (a transport failure: 5xx, reset, stalled
    /// body). Not evidence about the object, so never <see cref="CorruptObject"/>; the run is incomplete (exit 3).
    /// </summary>
    UnreadableObject,
}

public static class FindingKinds
{
    public static IReadOnlyList<FindingKind> All { get; } = Enum.GetValues<FindingKind>();

    /// <summary>The contract's snake_case name, e.g. <c>unknown_event_code</c>.</summary>
    public static string Name(FindingKind kind) => kind switch
    {
        FindingKind.UnknownEventCode => "unknown_event_code",
        FindingKind.MalformedRecord => "malformed_record",
        FindingKind.CorruptObject => "corrupt_object",
        FindingKind.DuplicateRecord => "duplicate_record",
        FindingKind.PartitionMismatch => "partition_mismatch",
        FindingKind.MissingDay => "missing_day",
        FindingKind.UnexpectedObject => "unexpected_object",
        FindingKind.UnlockedObject => "unlocked_object",
        FindingKind.DigestMissing => "digest_missing",
        FindingKind.DigestInvalid => "digest_invalid",
        FindingKind.ChainBroken => "chain_broken",
        FindingKind.ObjectDeleted => "object_deleted",
        FindingKind.ObjectModified => "object_modified",
        FindingKind.ObjectInjected => "object_injected",
        FindingKind.LateObject => "late_object",
        FindingKind.UnreadableObject => "unreadable_object",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static FindingKind? Parse(string name) => All.Cast<FindingKind?>().FirstOrDefault(k => Name(k!.Value) == name);
}
