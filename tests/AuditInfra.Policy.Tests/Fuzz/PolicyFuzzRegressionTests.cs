using AuditInfra.Reader.Fuzz.Targets;
using AuditInfra.TestSupport;

namespace AuditInfra.Policy.Tests.Fuzz;

/// <summary>
/// The policy check's fuzz targets (tests/AuditInfra.Reader.Fuzz/PolicyTargets) over their seeds and over every input
/// fuzzing found: each ends in a result or one input error. A crash afl-fuzz finds is copied to Regressions/ by
/// scripts/fuzz-reader.sh, fails here until fixed, and stays as a regression test.
/// </summary>
public class PolicyFuzzRegressionTests
{
    public static TheoryData<string, string> Inputs() => FuzzInputs.Of(PolicyFuzzTargets.All.Keys);

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Fuzz_inputs_end_in_a_result_or_one_input_error(string target, string file)
    {
        PolicyFuzzTargets.All[target](File.ReadAllBytes(RepoPaths.Combine(file)));
    }

    [Fact]
    public void The_seeds_reach_the_rules_not_only_the_input_errors()
    {
        // The project seed (the repository's own program) must read whole, or the target fuzzes only the error path.
        var report = PolicyProjectTarget.Check(File.ReadAllBytes(RepoPaths.Combine("tests", "AuditInfra.Reader.Fuzz", "Seeds", "policy-project", "repo.bin")));
        Assert.Single(report.Checked);
        Assert.NotEmpty(report.Rules);
    }
}
