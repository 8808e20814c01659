using AuditInfra.Policy.Values;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace AuditInfra.Policy.Input;

/// <summary>
/// Reads a YAML file into <see cref="PolicyValue"/>s that remember their line, so every finding can point at
/// the line a person edits. Pulumi's <c>secure:</c> maps become <see cref="SecretValue"/>.
/// </summary>
public static class YamlFileReader
{
    /// <summary>Loads <paramref name="path"/>; <paramref name="displayName"/> is how errors and locations name it.</summary>
    public static MapValue ReadMapping(string path, string displayName)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new PolicyInputException(displayName, ex is FileNotFoundException ? "file not found" : ex.Message);
        }

        return ParseMapping(text, displayName);
    }

    public static MapValue ParseMapping(string text, string displayName)
    {
        var stream = new YamlStream();
        try
        {
            using var reader = new StringReader(text);
            stream.Load(reader);
        }
        catch (YamlException ex)
        {
            throw new PolicyInputException(displayName, "not valid YAML: " + FirstSentence(ex), (int)ex.Start.Line, (int)ex.Start.Column);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            return new MapValue(new Dictionary<string, PolicyValue>(), new SourceLocation(displayName, 1, 1));
        }

        var root = stream.Documents[0].RootNode;
        if (Convert(root, displayName) is not MapValue map)
        {
            throw new PolicyInputException(displayName, "expected a mapping at the top level", (int)root.Start.Line, (int)root.Start.Column);
        }

        return map;
    }

    private static PolicyValue Convert(YamlNode node, string file)
    {
        var location = new SourceLocation(file, (int)node.Start.Line, (int)node.Start.Column);
        switch (node)
        {
            case YamlMappingNode mapping:
                if (mapping.Children.Count == 1 && mapping.Children.Keys.First() is YamlScalarNode { Value: "secure" })
                {
                    return new SecretValue(location);
                }

                var entries = new Dictionary<string, PolicyValue>(StringComparer.Ordinal);
                foreach (var (key, value) in mapping.Children)
                {
                    var name = (key as YamlScalarNode)?.Value
                        ?? throw new PolicyInputException(file, "mapping keys must be plain text", (int)key.Start.Line, (int)key.Start.Column);
                    if (!entries.TryAdd(name, Convert(value, file)))
                    {
                        throw new PolicyInputException(file, $"duplicate key '{name}'", (int)key.Start.Line, (int)key.Start.Column);
                    }
                }

                return new MapValue(entries, location);
            case YamlSequenceNode sequence:
                return new ListValue(sequence.Children.Select(c => Convert(c, file)).ToList(), location);
            case YamlScalarNode scalar:
                var isNull = scalar.Style == ScalarStyle.Plain && scalar.Value is null or "" or "~" or "null";
                return isNull ? new NullValue(location) : new ScalarValue(scalar.Value ?? "", location);
            default:
                throw new PolicyInputException(file, "aliases and anchors are not supported", (int)node.Start.Line, (int)node.Start.Column);
        }
    }

    private static string FirstSentence(YamlException ex)
    {
        // YamlDotNet prefixes its message with the position ("(Line: 3, Col: 5, Idx: ..) - (...): "), which the
        // file:line:column prefix already says.
        var message = ex.InnerException?.Message ?? ex.Message;
        var marker = message.LastIndexOf("): ", StringComparison.Ordinal);
        return marker >= 0 ? message[(marker + 3)..] : message;
    }
}
