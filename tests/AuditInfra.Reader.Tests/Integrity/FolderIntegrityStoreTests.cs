using System.Text;
using AuditInfra.Reader.Integrity.Store;
using AuditInfra.Reader.Sources;
using AuditInfra.TestSupport;

namespace AuditInfra.Reader.Tests.Integrity;

public sealed class FolderIntegrityStoreTests : IDisposable
{
    private readonly TempDirectory _dir = new("folder-integrity-store");

    [Fact]
    public async Task A_chain_is_written_whole_in_its_order_and_leaves_no_temporary_file()
    {
        var store = new FolderIntegrityStore(_dir.Path);
        var chain = Enumerable.Range(1, 40)
            .Select(i => new DigestFile($"auditinfra-digests/audit_logs/1/2026/01/0{1 + (i % 3)}/d-{i:D3}.json", Encoding.UTF8.GetBytes($"{{\"n\":{i}}}")))
            .ToList();

        await store.CreateChainAsync(chain);

        foreach (var digest in chain)
        {
            Assert.Equal(digest.Content, await store.ReadSmallAsync(digest.Key, 1024));
        }

        Assert.Equal(chain.Count, Directory.EnumerateFiles(_dir.Path, "*", SearchOption.AllDirectories).Count());
    }

    [Fact]
    public async Task A_chain_that_meets_an_existing_digest_writes_nothing_and_says_which()
    {
        var store = new FolderIntegrityStore(_dir.Path);
        await store.CreateChainAsync([new DigestFile("auditinfra-digests/x/b.json", "{\"old\":1}"u8.ToArray())]);

        var ex = await Assert.ThrowsAsync<LogSourceException>(() => store.CreateChainAsync(
        [
            new DigestFile("auditinfra-digests/x/a.json", "{\"n\":1}"u8.ToArray()),
            new DigestFile("auditinfra-digests/x/b.json", "{\"n\":2}"u8.ToArray()),
            new DigestFile("auditinfra-digests/x/c.json", "{\"n\":3}"u8.ToArray()),
        ]));

        Assert.Contains("b.json exists already", ex.Message, StringComparison.Ordinal);
        Assert.Equal(["b.json"], Directory.EnumerateFiles(Path.Combine(_dir.Path, "auditinfra-digests", "x")).Select(Path.GetFileName));
        Assert.Equal("{\"old\":1}"u8.ToArray(), await store.ReadSmallAsync("auditinfra-digests/x/b.json", 1024));
    }

    public void Dispose() => _dir.Dispose();
}
