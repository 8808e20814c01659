using System.Text;

namespace AuditInfra.Investigation.Detections;

/// <summary>
/// The event codes the rules list, looked up by a record's undecoded UTF-8 bytes: judging the code costs no
/// string and no transcoding, for every one of millions of records. Codes are grouped by length, so a lookup
/// compares against the few codes of that length.
/// </summary>
internal sealed class Utf8CodeSet
{
    private readonly byte[][]?[] _byLength;

    public Utf8CodeSet(IEnumerable<string> codes)
    {
        var byLength = codes.Distinct(StringComparer.Ordinal).Select(Encoding.UTF8.GetBytes).GroupBy(b => b.Length).ToArray();
        _byLength = new byte[][]?[byLength.Length == 0 ? 0 : byLength.Max(g => g.Key) + 1];
        foreach (var group in byLength)
        {
            _byLength[group.Key] = group.ToArray();
        }
    }

    public bool Contains(ReadOnlySpan<byte> code)
    {
        if (code.Length >= _byLength.Length || _byLength[code.Length] is not { } candidates)
        {
            return false;
        }

        foreach (var candidate in candidates)
        {
            if (code.SequenceEqual(candidate))
            {
                return true;
            }
        }

        return false;
    }
}
