using System.Text.Json;
using AuditInfra.Policy.Input;
using AuditInfra.Policy.Model;
using AuditInfra.Policy.Program;
using AuditInfra.Policy.Values;

namespace AuditInfra.Policy.Preview;

/// <summary>
/// Reads the JSON of <c>pulumi preview --json</c> (research/pulumi-provider.md §6.1): one step per resource with
/// <c>op</c>, <c>urn</c>, <c>oldState</c>/<c>newState</c> (checked inputs, outputs, <c>protect</c>, <c>parent</c>).
/// Secrets arrive as <c>"[secret]"</c>, values not yet known as the unknown sentinel. Each resource is mapped
/// back to the top-level program resource it belongs to, so findings point at its line in Pulumi.yaml.
/// </summary>
public static class PreviewReader
{
    /// <summary>Reads a preview file named on the command line (a regular file within <see cref="InputLimits.MaxJsonBytes"/>).</summary>
    public static PreviewDocument Read(string path, string display, PulumiProject? project, InputLimits? limits = null)
    {
        limits ??= InputLimits.Default;
        return Parse(InputFile.ReadText(path, display, limits.MaxJsonBytes), display, project, limits);
    }

    public static PreviewDocument Parse(string text, string display, PulumiProject? project, InputLimits? limits = null)
    {
        limits ??= InputLimits.Default;
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = false, MaxDepth = limits.MaxJsonDepth });
        }
        catch (JsonException ex)
        {
            var message = ex.Message;
            // The position is in the file:line:column prefix already.
            var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal) is > 0 and var at ? at : message.IndexOf(" Path:", StringComparison.Ordinal);
            throw new PolicyInputException(display, "not valid JSON: " + (cut > 0 ? message[..cut] : message), (int)(ex.LineNumber ?? 0) + 1, (int)(ex.BytePositionInLine ?? 0) + 1);
        }

        using (json)
        {
            if (json.RootElement.ValueKind != JsonValueKind.Object || !json.RootElement.TryGetProperty("steps", out var steps) || steps.ValueKind != JsonValueKind.Array)
            {
                throw new PolicyInputException(display, "not the output of 'pulumi preview --json': no 'steps' array at the top level");
            }

            return Build(json.RootElement, steps, display, project);
        }
    }

    private static PreviewDocument Build(JsonElement root, JsonElement steps, string display, PulumiProject? project)
    {
        var fileLocation = new SourceLocation(display, 0, 0);
        var parsed = new List<Step>();
        var index = 0;
        foreach (var step in steps.EnumerateArray())
        {
            index++;
            if (step.ValueKind != JsonValueKind.Object)
            {
                throw new PolicyInputException(display, $"step {index} is not an object");
            }

            var urn = step.TryGetProperty("urn", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString()! : null;
            var op = step.TryGetProperty("op", out var o) && o.ValueKind == JsonValueKind.String ? o.GetString()! : null;
            if (urn is null || op is null)
            {
                throw new PolicyInputException(display, $"step {index} has no 'urn' or 'op'");
            }

            var oldState = State(step, "oldState");
            var newState = State(step, "newState");
            var state = newState ?? oldState;
            parsed.Add(new Step(urn, op, oldState, newState, state));
        }

        var byUrn = parsed.GroupBy(s => s.Urn).ToDictionary(g => g.Key, g => g.Last());
        var resources = new List<AuditResource>();
        string? stack = null, projectName = null;
        foreach (var step in parsed)
        {
            var urn = Urn.Parse(step.Urn, display);
            stack ??= urn.Stack;
            projectName ??= urn.Project;
            if (urn.Stack != stack || urn.Project != projectName)
            {
                // One preview is of one stack; steps of another would be checked against the wrong stack's rules.
                throw new PolicyInputException(display, $"step for {step.Urn} is of stack '{urn.Stack}' in project '{urn.Project}', but the preview began with stack '{stack}' in project '{projectName}'");
            }
            if (urn.Type.StartsWith("pulumi:", StringComparison.Ordinal) || step.State is null && step.Op == "same")
            {
                continue;
            }

            var owner = OwnerOf(step, byUrn, display);
            var location = project?.FindResource(owner)?.Location ?? fileLocation;
            var type = step.State?.Type ?? urn.Type;
            var inputs = step.State?.Inputs ?? new MapValue(new Dictionary<string, PolicyValue>(), location);
            resources.Add(new AuditResource(
                urn.Name,
                ResourceTypes.Canonical(type),
                Relocate(inputs, location),
                location,
                EffectiveProtect(step, byUrn),
                step.State?.Parent is { } parent && byUrn.TryGetValue(parent, out var p) ? Urn.Parse(p.Urn, display).Name : null,
                owner,
                step.State?.Outputs,
                new ResourceChange(step.Op, step.OldState?.Inputs, display)));
        }

        var sameCount = root.TryGetProperty("changeSummary", out var summary) && summary.ValueKind == JsonValueKind.Object &&
            summary.TryGetProperty("same", out var same) && same.TryGetInt32(out var n) ? n : 0;
        var complete = sameCount == 0 || parsed.Any(s => s.Op == "same");
        return new PreviewDocument(display, stack ?? "", projectName ?? "", resources, complete);
    }

    /// <summary>Values in a preview have no line of their own: they take the line of the program resource.</summary>
    private static MapValue Relocate(MapValue inputs, SourceLocation location) => (MapValue)RelocateValue(inputs, location);

    private static PolicyValue RelocateValue(PolicyValue value, SourceLocation location) => value switch
    {
        MapValue map => new MapValue(map.Entries.ToDictionary(e => e.Key, e => RelocateValue(e.Value, location), StringComparer.Ordinal), location),
        ListValue list => new ListValue(list.Values.Select(v => RelocateValue(v, location)).ToList(), location),
        _ => value with { Location = location },
    };

    private static string OwnerOf(Step step, Dictionary<string, Step> byUrn, string display)
    {
        var current = step;
        for (var depth = 0; depth < 64; depth++)
        {
            if (current.State?.Parent is not { } parent || !byUrn.TryGetValue(parent, out var next) || Urn.Parse(next.Urn, display).Type == "pulumi:pulumi:Stack")
            {
                break;
            }

            current = next;
        }

        return Urn.Parse(current.Urn, display).Name;
    }

    /// <summary>Protected itself or through a protected component parent (the Pulumi SDKs pass <c>protect</c> on to children).</summary>
    private static bool EffectiveProtect(Step step, Dictionary<string, Step> byUrn)
    {
        for (Step? current = step; current is not null; current = current.State?.Parent is { } parent && byUrn.TryGetValue(parent, out var next) ? next : null)
        {
            if (current.State?.Protect == true)
            {
                return true;
            }
        }

        return false;
    }

    private static StepState? State(JsonElement step, string name)
    {
        if (!step.TryGetProperty(name, out var state) || state.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        string? Text(string key) => state.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        MapValue? Map(string key) => state.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Object ? (MapValue)Convert(v) : null;
        var protect = state.TryGetProperty("protect", out var p) && p.ValueKind == JsonValueKind.True;
        var outputs = Map("outputs");
        if (Text("id") is { Length: > 0 } id && id != EngineSentinels.Unknown)
        {
            var entries = new Dictionary<string, PolicyValue>(outputs?.Entries ?? new Dictionary<string, PolicyValue>(), StringComparer.Ordinal) { ["id"] = new ScalarValue(id, null) };
            outputs = new MapValue(entries, null);
        }

        return new StepState(Text("type"), Map("inputs"), outputs, protect, Text("parent"));
    }

    private static PolicyValue Convert(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object when element.TryGetProperty(EngineSentinels.SecretSignatureKey, out _) => new SecretValue(null),
        JsonValueKind.Object => new MapValue(element.EnumerateObject().ToDictionary(p => p.Name, p => Convert(p.Value), StringComparer.Ordinal), null),
        JsonValueKind.Array => new ListValue(element.EnumerateArray().Select(Convert).ToList(), null),
        JsonValueKind.String => element.GetString() switch
        {
            EngineSentinels.BlindedSecret => new SecretValue(null),
            EngineSentinels.Unknown => new UnknownValue("known after the update", null),
            var s => new ScalarValue(s!, null),
        },
        JsonValueKind.Number => new ScalarValue(element.GetRawText(), null),
        JsonValueKind.True => new ScalarValue("true", null),
        JsonValueKind.False => new ScalarValue("false", null),
        _ => new NullValue(null),
    };

    private sealed record Step(string Urn, string Op, StepState? OldState, StepState? NewState, StepState? State);

    private sealed record StepState(string? Type, MapValue? Inputs, MapValue? Outputs, bool Protect, string? Parent);
}
