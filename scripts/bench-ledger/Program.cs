using System.Diagnostics;
using System.Globalization;
using System.Text;
using AuditInfra.Reader.Verification.Duplicates;

// bench-ledger <identities> [every]: adds that many CloudEvents-shaped identities (source + UUID-like id, ~55 bytes, as
// the generator writes them) to an IdentityLedger with its default budget, every <every>-th one a copy of an earlier
// one, then finds the repeats. Prints identities, repeats found (must equal the copies), runs, spilled bytes and time.
if (args.Length is < 1 or > 2 || !long.TryParse(args[0], NumberStyles.None, CultureInfo.InvariantCulture, out var count)
    || (args.Length == 2 && !long.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out _)))
{
    await Console.Error.WriteLineAsync("usage: bench-ledger <identities> [copy every Nth, default 1000003]");
    return 2;
}

var every = args.Length == 2 ? long.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_003;
var clock = Stopwatch.StartNew();
using var ledger = new IdentityLedger();
Span<byte> buffer = stackalloc byte[128];
long copies = 0;
for (long i = 0; i < count; i++)
{
    var n = i % every == every - 1 ? (copies++ * 7919) % i : i;
    var length = Identity(n, buffer);
    ledger.Add(buffer[..length], kubernetes: false, objectOrdinal: (int)(i / 5000), line: (i % 5000) + 1);
}

var added = clock.Elapsed;
long repeats = 0;
ledger.FindRepeats(_ => repeats++);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"identities {ledger.Count}, copies {copies}, repeats found {repeats}, runs {ledger.Runs}, spilled {ledger.SpilledBytes / 1048576} MiB, add {added.TotalSeconds:0.0} s, merge {(clock.Elapsed - added).TotalSeconds:0.0} s, total {clock.Elapsed.TotalSeconds:0.0} s"));
return repeats == copies ? 0 : 1;

static int Identity(long n, Span<byte> into)
{
    // "/service/linodes" 0xFF "30000000-0000-0100-xxxx-xxxxxxxxxxxx": the generator's shape, unique per n.
    var written = Encoding.ASCII.GetBytes("/service/linodes", into);
    into[written++] = 0xFF;
    var mixed = (ulong)n * 0x9E3779B97F4A7C15UL;
    var text = string.Create(CultureInfo.InvariantCulture, $"{n:x8}-0000-0100-{mixed >> 48:x4}-{mixed & 0xFFFFFFFFFFFF:x12}");
    return written + Encoding.ASCII.GetBytes(text, into[written..]);
}
