using System.CommandLine;
using AuditInfra.Investigation.Filters;

namespace AuditInfra.Cli;

/// <summary>The filters query, export, filter-options and detect share. Repeat a flag or separate values with commas for an OR.</summary>
internal sealed class FilterFlags
{
    public Option<string> From { get; } = new("--from") { HelpName = "DATE|INSTANT", Description = "Start: a date (2026-11-01, from midnight UTC) or an ISO 8601 instant.", Required = true };

    public Option<string> To { get; } = new("--to") { HelpName = "DATE|INSTANT", Description = "End: a date (through its end, UTC) or an instant (exclusive). Default: the end of today." };

    public Option<string[]> Code { get; } = Many("--code", "Event codes; * is a wildcard (delete-*, post-*-instance, login-failure). Kubernetes operations as filter-options prints them ('get secrets', 'create pods/exec').");

    public Option<string[]> Action { get; } = Many("--action", "Verb derived from the code: create, update, delete, read, attach, detach, power, login, logout, other.");

    public Option<string[]> Service { get; } = Many("--service", "Catalog service: Platform, Compute, Storage, Networking, Databases, Monitoring.");

    public Option<string[]> Group { get; } = Many("--group", "Catalog group (Profile, Linodes, Object Storage, …), Sign-in or Kubernetes API.");

    public Option<string[]> Actor { get; } = Many("--actor", "Who acted: user name or e-mail, wherever the record has either; Kubernetes: the authenticated or the impersonated user (* is a wildcard).");

    public Option<string[]> Ip { get; } = Many("--ip", "Client address or CIDR block (203.0.113.0/24, 2001:db8::/32).");

    public Option<string[]> Outcome { get; } = Many("--outcome", "success or failure.");

    public Option<string[]> Stream { get; } = Many("--stream", "config (configuration changes), login (sign-ins) or k8s (LKE Kubernetes API): the suffix of the delivered file names. " +
        "Also accepted: audit, sign-in, lke, and the stream types audit_logs (config and login) and lke_audit_logs.");

    public Option<string[]> Account { get; } = Many("--account", "Account euuid (the account folder of the object key); objects of other accounts are not read.");

    public Option<string[]> Verb { get; } = Many("--verb", "Kubernetes verb (get, list, watch, create, update, patch, delete, …; * is a wildcard).");

    public Option<string[]> Resource { get; } = Many("--resource", "Kubernetes resource (pods, secrets, roles, …; * is a wildcard).");

    public Option<string[]> Subresource { get; } = Many("--subresource", "Kubernetes subresource (exec, attach, log, …; * is a wildcard).");

    public Option<string[]> Namespace { get; } = Many("--namespace", "Kubernetes namespace (* is a wildcard).");

    public Option<string[]> Name { get; } = Many("--name", "Kubernetes object name (* is a wildcard).");

    public Option<string> Text { get; } = new("--q") { HelpName = "TEXT", Description = "Free text, case-insensitive, in actor, e-mail, IP, entity, Kubernetes namespace/name and record id." };

    public void AddTo(Command command, bool timeOnly = false)
    {
        command.Options.Add(From);
        command.Options.Add(To);
        if (timeOnly)
        {
            command.Options.Add(Stream);
            command.Options.Add(Account);
            return;
        }

        foreach (var option in new Option[] { Code, Action, Service, Group, Actor, Ip, Outcome, Stream, Account, Verb, Resource, Subresource, Namespace, Name, Text })
        {
            command.Options.Add(option);
        }
    }

    public FilterSpec Spec(ParseResult parse) => new()
    {
        From = parse.GetValue(From),
        To = parse.GetValue(To),
        Codes = parse.GetValue(Code) ?? [],
        Actions = parse.GetValue(Action) ?? [],
        Services = parse.GetValue(Service) ?? [],
        Groups = parse.GetValue(Group) ?? [],
        Actors = parse.GetValue(Actor) ?? [],
        Ips = parse.GetValue(Ip) ?? [],
        Outcomes = parse.GetValue(Outcome) ?? [],
        Streams = parse.GetValue(Stream) ?? [],
        Accounts = parse.GetValue(Account) ?? [],
        Verbs = parse.GetValue(Verb) ?? [],
        Resources = parse.GetValue(Resource) ?? [],
        Subresources = parse.GetValue(Subresource) ?? [],
        Namespaces = parse.GetValue(Namespace) ?? [],
        Names = parse.GetValue(Name) ?? [],
        Text = parse.GetValue(Text),
    };

    private static Option<string[]> Many(string name, string description) => new(name)
    {
        Description = description + " Repeatable; commas also separate values.",
        // At least one value: a flag left without one (a forgotten actor) must not quietly filter nothing.
        Arity = ArgumentArity.OneOrMore,
    };
}
