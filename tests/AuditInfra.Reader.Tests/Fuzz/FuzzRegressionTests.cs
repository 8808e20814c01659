using System.IO.Compression;
using AuditInfra.Reader.Fuzz.Targets;
using AuditInfra.TestSupport;

namespace AuditInfra.Reader.Tests.Fuzz;

/// <summary>
/// The fuzz targets (tests/AuditInfra.Reader.Fuzz) over their seeds and over every input fuzzing found
/// (Regressions/&lt;target&gt;/): each must pass its invariants. A crash that afl-fuzz finds is copied there by
/// scripts/fuzz-reader.sh, fails here until fixed, and stays as a regression test.
/// </summary>
public class FuzzRegressionTests
{
    public static TheoryData<string, string> Inputs() => FuzzInputs.Of(FuzzTargets.Names);

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Fuzz_inputs_keep_their_invariants(string target, string file)
    {
        FuzzTargets.Find(target)!(File.ReadAllBytes(RepoPaths.Combine(file)));
    }

    [Fact]
    public void The_gzip_target_ends_on_a_bomb_by_its_own_cap()
    {
        // 64 MiB of one byte: about 64 KB stored. The target stops at its 16 MiB cap instead of spending the fuzzer's time.
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var zeros = new byte[1 << 20];
            for (var i = 0; i < 64; i++)
            {
                gzip.Write(zeros);
            }
        }

        FuzzTargets.Find("gzip")!(buffer.ToArray());
    }
}
