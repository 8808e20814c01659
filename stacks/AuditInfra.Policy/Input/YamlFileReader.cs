using AuditInfra.Policy.Values;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace AuditInfra.Policy.Input;

/// <summary>
/// Reads a YAML (or JSON) file into <see cref="PolicyValue"/>s that remember their line, so every finding can
/// point at the line a person edits. Pulumi's <c>secure:</c> maps become <see cref="SecretValue"/>.
/// Built from the parser's events rather than YamlDotNet's node tree, so the limits hold while parsing: at most
/// <see cref="InputLimits.MaxYamlDepth"/> levels of nesting, and no anchors or aliases (Pulumi YAML programs do
/// not need them, and expanding them is how 449 bytes become a gigabyte).
/// </summary>
public static class YamlFileReader
{
    /// <summary>Loads <paramref name="path"/>; <paramref name="displayName"/> is how errors and locations name it.</summary>
    /// <param name="confineTo">The project folder the file was found in (a link out of it is refused), or null.</param>
    public static MapValue ReadMapping(string path, string displayName, string? confineTo = null, InputLimits? limits = null)
    {
        limits ??= InputLimits.Default;
        return ParseMapping(InputFile.ReadText(path, displayName, limits.MaxYamlBytes, confineTo), displayName, limits);
    }

    /// <summary>Parses the first document of <paramref name="text"/>, which must be a mapping (or empty).</summary>
    /// <exception cref="PolicyInputException">Not YAML, not a mapping, too deep, an anchor or alias, a second document.</exception>
    public static MapValue ParseMapping(string text, string displayName, InputLimits? limits = null)
    {
        limits ??= InputLimits.Default;
        var parser = new Parser(new StringReader(text));
        try
        {
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _))
            {
                return Empty(displayName);
            }

            parser.Consume<DocumentStart>();
            var root = new Reader(parser, displayName, limits.MaxYamlDepth).Read(depth: 1);
            parser.Consume<DocumentEnd>();
            if (!parser.Accept<StreamEnd>(out _))
            {
                var next = parser.Current!;
                throw new PolicyInputException(displayName, "more than one YAML document: Pulumi reads only one, so the check refuses to guess", (int)next.Start.Line, (int)next.Start.Column);
            }

            return root switch
            {
                MapValue map => map,
                NullValue => Empty(displayName),
                _ => throw new PolicyInputException(displayName, "expected a mapping at the top level", root.Location?.Line ?? 1, root.Location?.Column ?? 1),
            };
        }
        catch (YamlException ex)
        {
            throw new PolicyInputException(displayName, "not valid YAML: " + FirstSentence(ex), (int)ex.Start.Line, (int)ex.Start.Column);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet 16.3 throws these outside YamlException: InvalidOperationException on some malformed plain
            // scalars (found by ReaderPropertyTests), ArgumentException on a tag whose %-escapes decode to text that
            // is no URI, e.g. !<a%20b> (found by the policy-yaml fuzz target).
            var at = parser.Current?.End;
            throw new PolicyInputException(displayName, "not valid YAML: the parser stopped on malformed text", (int)(at?.Line ?? 0), (int)(at?.Column ?? 0));
        }
    }

    private static MapValue Empty(string file) => new(new Dictionary<string, PolicyValue>(), new SourceLocation(file, 1, 1));

    private static string FirstSentence(YamlException ex)
    {
        // YamlDotNet prefixes its message with the position ("(Line: 3, Col: 5, Idx: ..) - (...): "), which the
        // file:line:column prefix already says.
        var message = ex.InnerException?.Message ?? ex.Message;
        var marker = message.LastIndexOf("): ", StringComparison.Ordinal);
        return marker >= 0 ? message[(marker + 3)..] : message;
    }

    private sealed class Reader(IParser parser, string file, int maxDepth)
    {
        public PolicyValue Read(int depth)
        {
            var current = parser.Current ?? throw new PolicyInputException(file, "unexpected end of the YAML stream");
            var location = new SourceLocation(file, (int)current.Start.Line, (int)current.Start.Column);
            if (current is AnchorAlias || current is NodeEvent { Anchor.IsEmpty: false })
            {
                throw new PolicyInputException(file, "YAML anchors and aliases (& and *) are not accepted in Pulumi files: write the value out", location.Line, location.Column);
            }

            if (depth > maxDepth && current is MappingStart or SequenceStart)
            {
                throw new PolicyInputException(file, $"nested deeper than {maxDepth} levels: refused", location.Line, location.Column);
            }

            switch (current)
            {
                case Scalar scalar:
                    parser.MoveNext();
                    return ScalarOf(scalar, location);
                case SequenceStart:
                    parser.MoveNext();
                    var items = new List<PolicyValue>();
                    while (!parser.TryConsume<SequenceEnd>(out _))
                    {
                        items.Add(Read(depth + 1));
                    }

                    return new ListValue(items, location);
                case MappingStart:
                    parser.MoveNext();
                    var entries = new Dictionary<string, PolicyValue>(StringComparer.Ordinal);
                    while (!parser.TryConsume<MappingEnd>(out _))
                    {
                        var keyEvent = parser.Current!;
                        if (keyEvent is not Scalar { Anchor.IsEmpty: true } key)
                        {
                            throw new PolicyInputException(file, keyEvent is AnchorAlias or NodeEvent { Anchor.IsEmpty: false } ? "YAML anchors and aliases (& and *) are not accepted in Pulumi files: write the value out" : "mapping keys must be plain text", (int)keyEvent.Start.Line, (int)keyEvent.Start.Column);
                        }

                        parser.MoveNext();
                        var value = Read(depth + 1);
                        if (!entries.TryAdd(key.Value, value))
                        {
                            throw new PolicyInputException(file, $"duplicate key '{key.Value}'", (int)key.Start.Line, (int)key.Start.Column);
                        }
                    }

                    if (entries.Count == 1 && entries.TryGetValue("secure", out _))
                    {
                        return new SecretValue(location);
                    }

                    return new MapValue(entries, location);
                default:
                    throw new PolicyInputException(file, $"unexpected YAML {current.GetType().Name}", location.Line, location.Column);
            }
        }

        private static PolicyValue ScalarOf(Scalar scalar, SourceLocation location)
        {
            if (!scalar.Tag.IsEmpty && !scalar.Tag.Value.StartsWith("tag:yaml.org,2002:", StringComparison.Ordinal) && scalar.Tag.Value != "!")
            {
                // A custom tag (the old !Ref, !Sub ...) asks Pulumi to compute the value: not something to read as text.
                return new UnknownValue($"the tag {scalar.Tag.Value} makes Pulumi compute this value", location);
            }

            var isNull = scalar.Style == ScalarStyle.Plain && scalar.Value is "" or "~" or "null" or "Null" or "NULL";
            return isNull ? new NullValue(location) : new ScalarValue(scalar.Value, location);
        }
    }
}
