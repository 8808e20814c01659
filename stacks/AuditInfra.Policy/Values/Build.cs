namespace AuditInfra.Policy.Values;

/// <summary>Short constructors for values made in code (component children, tests).</summary>
public static class Build
{
    public static MapValue Map(SourceLocation? at, params (string Key, PolicyValue? Value)[] entries) =>
        new(entries.Where(e => e.Value is not null).ToDictionary(e => e.Key, e => e.Value!, StringComparer.Ordinal), at);

    public static ScalarValue Text(string text, SourceLocation? at) => new(text, at);

    public static ListValue List(SourceLocation? at, params PolicyValue[] items) => new(items, at);

    public static ReferenceValue Ref(string resource, string path, SourceLocation? at) => new(resource, path, at);
}
