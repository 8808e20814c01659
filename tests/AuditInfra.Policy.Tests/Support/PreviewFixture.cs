using System.Text.Json.Nodes;

namespace AuditInfra.Policy.Tests.Support;

/// <summary>
/// A `pulumi preview --json` fixture (Fixtures/preview-*.json, shaped as research/pulumi-provider.md §6.1) to be
/// changed one step at a time and written to a file the checker reads.
/// </summary>
public sealed class PreviewFixture
{
    private PreviewFixture(JsonObject document)
    {
        Document = document;
    }

    public JsonObject Document { get; }

    public static PreviewFixture Load(string stack) =>
        new(JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", $"preview-{stack}.json")))!.AsObject());

    /// <summary>The step whose URN ends with <c>::name</c>.</summary>
    public JsonObject Step(string name) =>
        Document["steps"]!.AsArray().Select(s => s!.AsObject()).Single(s => s["urn"]!.GetValue<string>().EndsWith("::" + name, StringComparison.Ordinal));

    public PreviewFixture Change(string name, Action<JsonObject> change)
    {
        change(Step(name));
        return this;
    }

    /// <summary>Makes the step an update whose old inputs are a copy of the new ones changed by <paramref name="before"/>.</summary>
    public PreviewFixture Update(string name, Action<JsonObject> before, Action<JsonObject> after)
    {
        var step = Step(name);
        step["op"] = "update";
        var oldState = step["newState"]!.DeepClone().AsObject();
        before(oldState["inputs"]!.AsObject());
        step["oldState"] = oldState;
        after(step["newState"]!["inputs"]!.AsObject());
        return this;
    }

    public string WriteTo(string directory, string fileName = "preview.json")
    {
        var path = Path.Combine(directory, fileName);
        File.WriteAllText(path, Document.ToJsonString());
        return path;
    }
}
