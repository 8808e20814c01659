using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AuditInfra.Reader.Catalog;

/// <summary>
/// The event-code catalog shipped inside the reader (Catalog/event-codes.json, made from Akamai's page by
/// scripts/import-catalog.py). Immutable and safe to share across threads.
/// </summary>
public sealed class EventCatalog
{
    private static readonly Lazy<EventCatalog> Embedded = new(LoadEmbedded);
    private readonly FrozenDictionary<string, EventCode> _byCode;

    public EventCatalog(IEnumerable<EventCode> codes, IEnumerable<EventCodeFamily>? families = null)
    {
        Codes = codes.ToArray();
        Families = (families ?? [EventCodeFamily.ObjectStorageS3]).ToArray();
        _byCode = Codes.ToFrozenDictionary(c => c.Code, StringComparer.Ordinal);
        Services = Codes.Select(c => c.Service).Concat(Families.Select(f => f.Service)).Distinct(StringComparer.Ordinal).ToArray();
        Groups = Codes.Select(c => c.Group).Concat(Families.Select(f => f.Group)).Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary>Code families known by prefix, not listed (<see cref="EventCodeFamily.ObjectStorageS3"/>): their codes are known, not <c>unknown_event_code</c>.</summary>
    public IReadOnlyList<EventCodeFamily> Families { get; }

    /// <summary>The catalog this build ships.</summary>
    public static EventCatalog Default => Embedded.Value;

    public IReadOnlyList<EventCode> Codes { get; }

    public IReadOnlyList<string> Services { get; }

    public IReadOnlyList<string> Groups { get; }

    public int Count => Codes.Count;

    /// <summary>Whether the code is one of the listed <see cref="Codes"/> (a family's code is known but not listed).</summary>
    public bool Contains(string code) => _byCode.ContainsKey(code);

    /// <summary>The listed entry, else an entry for the family the code belongs to, else null (an unknown code).</summary>
    public EventCode? Find(string code) => _byCode.GetValueOrDefault(code) ?? FamilyOf(code)?.EntryFor(code);

    /// <summary>The family a code belongs to by its prefix, or null.</summary>
    public EventCodeFamily? FamilyOf(ReadOnlySpan<char> code)
    {
        foreach (var family in Families)
        {
            if (family.Matches(code))
            {
                return family;
            }
        }

        return null;
    }

    /// <summary>Lookup without allocating a string per record (the verify hot path).</summary>
    public bool TryFind(ReadOnlySpan<char> code, out EventCode? entry) =>
        _byCode.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(code, out entry);

    /// <summary>Codes whose code, service, group, description or operation contains <paramref name="text"/> (case-insensitive).</summary>
    public IEnumerable<EventCode> Search(string text) => Codes.Where(c =>
        c.Code.Contains(text, StringComparison.OrdinalIgnoreCase) ||
        c.Service.Contains(text, StringComparison.OrdinalIgnoreCase) ||
        c.Group.Contains(text, StringComparison.OrdinalIgnoreCase) ||
        c.Description.Contains(text, StringComparison.OrdinalIgnoreCase) ||
        c.Operation.Contains(text, StringComparison.OrdinalIgnoreCase));

    private static EventCatalog LoadEmbedded()
    {
        using var stream = typeof(EventCatalog).Assembly.GetManifestResourceStream("AuditInfra.Reader.Catalog.event-codes.json")
            ?? throw new InvalidOperationException("the embedded event-code catalog is missing from this build");
        var rows = JsonSerializer.Deserialize(stream, CatalogJsonContext.Default.EventCodeArray)
            ?? throw new InvalidOperationException("the embedded event-code catalog is empty");
        return new EventCatalog(rows);
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(EventCode[]))]
internal sealed partial class CatalogJsonContext : JsonSerializerContext;
