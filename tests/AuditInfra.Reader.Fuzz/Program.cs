using AuditInfra.Reader.Fuzz.Targets;
using SharpFuzz;

// AuditInfra.Reader.Fuzz TARGET                  run under afl-fuzz (SharpFuzz's out-of-process mode)
// AuditInfra.Reader.Fuzz TARGET --replay PATH…   run files (or every file of folders) once; exit 1 on a failure
// TARGET: record, gzip, key (the reader's parsers), policy-yaml, policy-project (the policy check's readers)
if (args.Length == 0 || (FuzzTargets.Find(args[0]) ?? PolicyFuzzTargets.All.GetValueOrDefault(args[0])) is not { } target)
{
    Console.Error.WriteLine($"usage: AuditInfra.Reader.Fuzz <{string.Join('|', FuzzTargets.Names.Concat(PolicyFuzzTargets.All.Keys))}> [--replay PATH...]");
    return 2;
}

if (args.Length > 1 && args[1] == "--replay")
{
    var failed = 0;
    foreach (var file in args.Skip(2).SelectMany(p => Directory.Exists(p) ? Directory.EnumerateFiles(p, "*", SearchOption.AllDirectories) : [p]))
    {
        try
        {
            target(File.ReadAllBytes(file));
        }
        catch (Exception ex)
        {
            failed++;
            Console.Error.WriteLine($"{file}: {ex.GetType().Name}: {ex.Message}");
        }
    }

    return failed == 0 ? 0 : 1;
}

// Inputs are capped like the fuzzer's own (-G): the targets bound what they decode, not what they are given.
Fuzzer.OutOfProcess.Run(stream =>
{
    using var buffer = new MemoryStream();
    stream.CopyTo(buffer);
    target(buffer.ToArray());
});
return 0;
