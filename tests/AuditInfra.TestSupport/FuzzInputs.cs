using Xunit;

namespace AuditInfra.TestSupport;

/// <summary>
/// The inputs of fuzz targets (tests/AuditInfra.Reader.Fuzz): their seeds and every input fuzzing found
/// (Seeds/&lt;target&gt;/, Regressions/&lt;target&gt;/), as (target, path relative to the repository) rows.
/// </summary>
public static class FuzzInputs
{
    public static TheoryData<string, string> Of(IEnumerable<string> targets)
    {
        var data = new TheoryData<string, string>();
        foreach (var target in targets)
        {
            foreach (var folder in new[] { "Seeds", "Regressions" })
            {
                var dir = RepoPaths.Combine("tests", "AuditInfra.Reader.Fuzz", folder, target);
                foreach (var file in (Directory.Exists(dir) ? Directory.EnumerateFiles(dir) : []).Order(StringComparer.Ordinal))
                {
                    data.Add(target, Path.GetRelativePath(RepoPaths.Root, file));
                }
            }
        }

        return data;
    }
}
