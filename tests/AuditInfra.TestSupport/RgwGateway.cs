using System.Diagnostics;

namespace AuditInfra.TestSupport;

/// <summary>
/// The radosgw process of the test cluster scripts/s3-start.sh started (its files are under RGW_DIR, which
/// scripts/test.sh exports): stopped and started again to take the real S3 endpoint down mid-run. The monitor and
/// the OSD keep running, so the stored objects survive. Only for tests that run alone (a non-parallel collection).
/// </summary>
public static class RgwGateway
{
    private static string Dir => Environment.GetEnvironmentVariable("RGW_DIR") is { Length: > 0 } dir
        ? dir
        : throw new InvalidOperationException("RGW_DIR is not set: run the tests through scripts/test.sh");

    /// <summary>Kills radosgw (SIGKILL, as a crash would) and waits until the endpoint refuses connections.</summary>
    public static async Task StopAsync()
    {
        var pidFile = Path.Combine(Dir, "run", "client.rgw.a.pid");
        var pid = int.Parse(await File.ReadAllTextAsync(pidFile), System.Globalization.CultureInfo.InvariantCulture);
        using var process = Process.GetProcessById(pid);
        process.Kill();
        await process.WaitForExitAsync();
        await Poll.UntilAsync(async () => !await AnswersAsync(), TimeSpan.FromSeconds(20), "radosgw to stop answering");
    }

    /// <summary>Starts radosgw again with the cluster's configuration and waits until it answers.</summary>
    public static async Task StartAsync()
    {
        var start = new ProcessStartInfo("radosgw") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add("-n");
        start.ArgumentList.Add("client.rgw.a");
        start.Environment["CEPH_CONF"] = Path.Combine(Dir, "ceph.conf");
        using (var launcher = Process.Start(start)!)
        {
            // radosgw forks into the background; the launcher itself ends at once.
            await launcher.WaitForExitAsync();
        }

        await Poll.UntilAsync(AnswersAsync, TimeSpan.FromSeconds(60), "radosgw to answer again");
    }

    private static async Task<bool> AnswersAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        try
        {
            using var response = await http.GetAsync(S3TestServer.Instance.Endpoint);
            return true;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }
}
