using System.Text;
using System.Text.Json;
using AuditInfra.Reader.Layout;
using AuditInfra.Reader.Records;

namespace AuditInfra.Reader.Fuzz.Targets;

/// <summary>
/// Runs one line through each of the record parser's scans — the vectorized structural index, the per-token scan and
/// <see cref="Utf8JsonReader"/> alone — and through <see cref="JsonDocument"/>, and throws
/// <see cref="FuzzInvariantException"/> when they disagree:
/// <list type="bullet">
/// <item>the three scans give the same verdict, the same error text and the same captured fields (position, length,
/// JSON type);</item>
/// <item>a line System.Text.Json rejects (<see cref="JsonDocument.Parse(ReadOnlyMemory{byte}, JsonDocumentOptions)"/>
/// at the parser's depth limit) is never accepted;</item>
/// <item>an accepted line repeats no name on a tracked path (the parser refuses those as ambiguous), and every tracked
/// field System.Text.Json finds has the same type and raw value as the parser's capture, and every field it does not
/// find is not captured.</item>
/// </list>
/// </summary>
internal sealed class ScanAgreement(int maxDepth = Reading.ReadLimits.DefaultMaxJsonDepth)
{
    private readonly RecordParser[] _parsers =
    [
        new(maxDepth: maxDepth) { FirstScan = RecordScan.Indexed },
        new(maxDepth: maxDepth) { FirstScan = RecordScan.PerToken },
        new(maxDepth: maxDepth) { FirstScan = RecordScan.Reader },
    ];

    /// <summary>Checks one line; returns which scan decided it in the default parser, and whether it was accepted.</summary>
    public (RecordScan Scan, bool Accepted) Check(byte[] line, LogCategory category)
    {
        var reference = Run(_parsers[2], line, category);
        foreach (var parser in _parsers.AsSpan(0, 2))
        {
            var result = Run(parser, line, category);
            if (result.Accepted != reference.Accepted || result.Error != reference.Error)
            {
                throw new FuzzInvariantException(
                    $"{category}: the {result.Scan} scan says {Verdict(result)}, Utf8JsonReader alone says {Verdict(reference)}");
            }

            // A line that is not UTF-8 is refused whatever a scan captured on its way, so its slots are no result.
            for (var f = 0; reference.Error != NotUtf8 && f < reference.Slots.Length; f++)
            {
                var (a, b) = (result.Slots[f], reference.Slots[f]);
                // Utf8JsonReader enters a tracked object without measuring it: its length is 0 there.
                if (a.Start != b.Start || a.Type != b.Type || (a.Length != b.Length && a.Type != JsonTokenType.StartObject) || (a.Length < 0) != (b.Length < 0))
                {
                    throw new FuzzInvariantException($"{category}: the {result.Scan} scan captured {(RecordField)f} as {a}, Utf8JsonReader alone as {b}");
                }
            }
        }

        var first = Run(_parsers[0], line, category);
        CheckWithDocument(line, category, first);
        return (first.Scan, first.Accepted);
    }

    private void CheckWithDocument(byte[] line, LogCategory category, Result result)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line, new JsonDocumentOptions { MaxDepth = maxDepth });
        }
        catch (JsonException ex)
        {
            if (result.Accepted)
            {
                throw new FuzzInvariantException($"{category}: accepted by the {result.Scan} scan, rejected by JsonDocument ({ex.Message})");
            }

            return;
        }

        using (document)
        {
            if (!result.Accepted)
            {
                return;
            }

            foreach (var (field, path) in _parsers[0].TrackedPaths(category))
            {
                if (path.Length == 0)
                {
                    continue;
                }

                if (!TryResolve(document.RootElement, path, out var element))
                {
                    throw new FuzzInvariantException($"{category}: the {result.Scan} scan accepted a line that repeats a name on the tracked path {path}");
                }

                var slot = result.Slots[(int)field];
                var expected = element is { } e ? TypeOf(e.ValueKind) : JsonTokenType.None;
                var actual = slot.Length < 0 ? JsonTokenType.None : slot.Type;
                if (expected != actual)
                {
                    throw new FuzzInvariantException($"{category}: {path} is {expected} to JsonDocument, {actual} to the {result.Scan} scan");
                }

                if (element is { } value && actual != JsonTokenType.StartObject
                    && !line.AsSpan(slot.Start, slot.Length).SequenceEqual(Encoding.UTF8.GetBytes(value.GetRawText())))
                {
                    throw new FuzzInvariantException(
                        $"{category}: {path} is {value.GetRawText()} to JsonDocument, {Encoding.UTF8.GetString(line, slot.Start, slot.Length)} to the {result.Scan} scan");
                }
            }
        }
    }

    /// <summary>
    /// Follows a dotted path; false when it is ambiguous (a name of the path repeated in an object it goes through).
    /// <paramref name="element"/> is null when the path is not there.
    /// </summary>
    private static bool TryResolve(JsonElement root, string path, out JsonElement? element)
    {
        element = root;
        var segments = path.Split('.');
        for (var i = 0; i < segments.Length; i++)
        {
            if (element is not { ValueKind: JsonValueKind.Object } current)
            {
                element = null;
                return true;
            }

            element = null;
            var matches = 0;
            foreach (var property in current.EnumerateObject())
            {
                if (property.NameEquals(segments[i]))
                {
                    matches++;
                    element = property.Value;
                }
            }

            if (matches > 1)
            {
                return false;
            }
        }

        return true;
    }

    private static JsonTokenType TypeOf(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => JsonTokenType.StartObject,
        JsonValueKind.Array => JsonTokenType.StartArray,
        JsonValueKind.String => JsonTokenType.String,
        JsonValueKind.Number => JsonTokenType.Number,
        JsonValueKind.True => JsonTokenType.True,
        JsonValueKind.False => JsonTokenType.False,
        JsonValueKind.Null => JsonTokenType.Null,
        _ => JsonTokenType.None,
    };

    private static Result Run(RecordParser parser, byte[] line, LogCategory category)
    {
        var accepted = parser.TryParse(line, category, out _, out var error);
        var slots = new (int Start, int Length, JsonTokenType Type)[(int)RecordField.Count];
        for (var f = 0; f < slots.Length; f++)
        {
            var field = (RecordField)f;
            slots[f] = (parser.SlotStart(field), parser.SlotLength(field), parser.SlotType(field));
            if (slots[f].Length < 0)
            {
                slots[f] = (0, -1, JsonTokenType.None); // no capture: whatever the slot held before is not part of the result
            }
        }

        return new Result(parser.LastScan, accepted, error, slots);
    }

    private const string NotUtf8 = "not valid UTF-8";

    private static string Verdict(Result result) => result.Accepted ? "accepted" : $"rejected ({result.Error})";

    private sealed record Result(RecordScan Scan, bool Accepted, string? Error, (int Start, int Length, JsonTokenType Type)[] Slots);
}
