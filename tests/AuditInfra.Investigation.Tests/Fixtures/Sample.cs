using static AuditInfra.Investigation.Tests.Fixtures.DeliveryBuilder;

namespace AuditInfra.Investigation.Tests.Fixtures;

/// <summary>
/// The shared sample delivery: three days of configuration, sign-in and LKE records whose fields are chosen so
/// every filter selects a known, different subset. Record ids name what they are (c = config, l = login, k = k8s).
/// </summary>
internal static class Sample
{
    public static readonly DateOnly Day1 = new(2026, 11, 1);
    public static readonly DateOnly Day2 = new(2026, 11, 2);
    public static readonly DateOnly Day3 = new(2026, 11, 3);

    /// <summary>Every valid record id in time order.</summary>
    public static readonly string[] AllInTimeOrder = ["l1", "l2", "c1", "c2", "c3", "c6", "c4", "k1", "k2", "c5", "c8", "c7"];

    public static DateTimeOffset At(DateOnly day, int hour, int minute) => new(day.ToDateTime(new TimeOnly(hour, minute)), TimeSpan.Zero);

    public static DeliveryBuilder Build()
    {
        var d = new DeliveryBuilder();
        d.AddConfig(Day1,
            Config("c1", At(Day1, 10, 0), "post-linode-instance", "alice", "192.0.2.10", entityId: "101"),
            Config("c2", At(Day1, 10, 5), "delete-linode-instance", "bob", "203.0.113.5", entityId: "102"),
            "this line is not JSON",
            Config("c3", At(Day1, 11, 0), "put-profile", "alice", "192.0.2.10", status: "failure", entityId: "7", entityType: "profile"));
        d.AddLogin(Day1,
            Login("l1", At(Day1, 9, 0), "login-success", "alice", "198.51.100.7"),
            Login("l2", At(Day1, 9, 1), "login-failure", "mallory", "198.51.100.66"));
        d.AddConfig(Day2,
            Config("c4", At(Day2, 8, 0), "post-personal-access-token", "alice", "2001:db8::5", entityId: "900", entityType: "token"),
            Config("c5", At(Day2, 12, 0), "delete-stream", "carol", "192.0.2.99", entityId: "55", entityType: "stream"),
            Config("c6", At(Day2, 7, 0), "post-tfa-disable", "bob", "203.0.113.5", entityId: "8", entityType: "profile"));
        d.AddLke(Day2,
            K8s("k1", At(Day2, 10, 0), "create", "pods", "exec", "kube-admin", "203.0.113.9", 201),
            K8s("k2", At(Day2, 10, 30), "get", "secrets", null, "dev-user", "198.51.100.20", 403));
        d.AddConfig(Day3, Config("c7", At(Day3, 0, 30), "post-volume", "alice", "192.0.2.10", entityId: "300", entityType: "volume"));
        d.AddConfig(Day3, Config("c8", At(Day3, 0, 10), "delete-volume", "bob", "203.0.113.5", entityId: "301", entityType: "volume"));
        return d;
    }

    /// <summary>
    /// The exit code of a read-only command over the sample with these arguments: 3 (read incompletely) when it reads
    /// day 1's configuration object, whose third line is not JSON; 0 otherwise. A range starting within the partition
    /// tolerance after day 1 reads day 1's folder too (the skipped line could be a record of the range).
    /// </summary>
    public static int ExitFor(string[] args)
    {
        var from = args.SkipWhile(a => a != "--from").Skip(1).FirstOrDefault() ?? "2026-11-01";
        var stream = args.SkipWhile(a => a != "--stream").Skip(1).FirstOrDefault();
        var start = AuditInfra.Investigation.Filters.TimeRange.ParseBound(from, "--from", endOfDay: false);
        var readsDay1 = start - TimeSpan.FromMinutes(AuditInfra.Reader.Configuration.ReaderSettings.DefaultPartitionToleranceMinutes) < At(Day2, 0, 0);
        return readsDay1 && stream is null or "audit" or "audit_logs" or "config" ? 3 : 0;
    }

    /// <summary>Query filters and the ids they select (time order): each filter on its own.</summary>
    public static TheoryData<string[], string[]> Filters() => new()
    {
        { [], AllInTimeOrder },
        { ["--code", "delete-*"], ["c2", "c5", "c8"] },
        { ["--code", "post-linode-instance,put-profile"], ["c1", "c3"] },
        { ["--code", "login-*"], ["l1", "l2"] },
        { ["--action", "delete"], ["c2", "c5", "c8"] },
        { ["--action", "read"], ["k2"] },
        { ["--action", "login"], ["l1", "l2"] },
        { ["--service", "Monitoring"], ["c5"] },
        { ["--service", "Storage"], ["c8", "c7"] },
        { ["--group", "Log delivery"], ["c5"] },
        { ["--group", "Kubernetes API"], ["k1", "k2"] },
        { ["--actor", "alice"], ["l1", "c1", "c3", "c4", "c7"] },
        { ["--actor", "mal*", "--actor", "carol"], ["l2", "c5"] },
        { ["--ip", "203.0.113.0/24"], ["c2", "c6", "k1", "c8"] },
        { ["--ip", "192.0.2.99"], ["c5"] },
        { ["--ip", "2001:db8::/32"], ["c4"] },
        { ["--outcome", "failure"], ["l2", "c3", "k2"] },
        { ["--stream", "login"], ["l1", "l2"] },
        { ["--stream", "sign-in"], ["l1", "l2"] },
        { ["--stream", "audit_logs"], ["l1", "l2", "c1", "c2", "c3", "c6", "c4", "c5", "c8", "c7"] },
        { ["--stream", "lke"], ["k1", "k2"] },
        { ["--stream", "K8S"], ["k1", "k2"] },
        { ["--stream", "audit"], ["c1", "c2", "c3", "c6", "c4", "c5", "c8", "c7"] },
        { ["--q", "102"], ["c2"] },
        { ["--q", "MALLORY"], ["l2"] },
        { ["--from", "2026-11-02T09:00:00Z", "--to", "2026-11-02T11:00:00Z"], ["k1", "k2"] },
        { ["--from", "2026-11-03", "--to", "2026-11-03"], ["c8", "c7"] },
        { ["--actor", "bob", "--action", "delete", "--from", "2026-11-02"], ["c8"] },
    };
}
