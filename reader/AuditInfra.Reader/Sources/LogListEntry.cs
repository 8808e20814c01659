namespace AuditInfra.Reader.Sources;

/// <summary>One entry of a level listing: either an object or a child prefix (ending with '/').</summary>
public readonly record struct LogListEntry(LogObjectInfo? Object, string? Prefix)
{
    public static LogListEntry ForObject(LogObjectInfo item) => new(item, null);

    public static LogListEntry ForPrefix(string prefix) => new(null, prefix);
}
