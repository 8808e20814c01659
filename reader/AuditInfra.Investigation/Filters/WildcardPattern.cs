namespace AuditInfra.Investigation.Filters;

/// <summary>A value with optional <c>*</c> wildcards, case-insensitive: event codes (<c>delete-*</c>, <c>post-*-instance</c>) and actors (<c>*@example.com</c>).</summary>
public sealed class WildcardPattern
{
    private readonly string[] _parts;

    public WildcardPattern(string pattern)
    {
        Text = pattern.Trim().ToLowerInvariant();
        _parts = Text.Split('*');
    }

    public string Text { get; }

    public bool HasWildcard => _parts.Length > 1;

    /// <summary>The literal text before the first <c>*</c> (all of it without one): what every match starts with.</summary>
    public string Prefix => _parts[0];

    public bool Matches(string code) => Matches(code.AsSpan());

    public bool Matches(ReadOnlySpan<char> code)
    {
        if (_parts.Length == 1)
        {
            return code.Equals(Text, StringComparison.OrdinalIgnoreCase);
        }

        var span = code;
        if (!span.StartsWith(_parts[0], StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        span = span[_parts[0].Length..];
        for (var i = 1; i < _parts.Length - 1; i++)
        {
            var at = span.IndexOf(_parts[i], StringComparison.OrdinalIgnoreCase);
            if (at < 0)
            {
                return false;
            }

            span = span[(at + _parts[i].Length)..];
        }

        return span.EndsWith(_parts[^1], StringComparison.OrdinalIgnoreCase);
    }

    public override string ToString() => Text;
}
