using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using AuditInfra.Provider.Model;
using AuditInfra.Provider.Protocol.Binding;

namespace AuditInfra.Provider.Protocol.Schema;

/// <summary>
/// Writes the Pulumi package schema from the typed records themselves (their [Property] and [ResourceType]
/// attributes, C# <c>required</c>, nullability), so the schema cannot drift from what the code binds.
/// </summary>
internal sealed class SchemaBuilder(string package, string version)
{
    private readonly JsonObject _types = [];

    public SchemaBuilder Config(Type configRecord)
    {
        _config = configRecord;
        return this;
    }

    public SchemaBuilder CustomResource(Type resource, Type args, Type state)
    {
        var attribute = resource.GetCustomAttribute<ResourceTypeAttribute>()!;
        _resources[attribute.Token] = ResourceSpec(attribute, args, state, isComponent: false);
        return this;
    }

    public SchemaBuilder Component(Type component, Type args, Type outputs)
    {
        var attribute = component.GetCustomAttribute<ResourceTypeAttribute>()!;
        _resources[attribute.Token] = ResourceSpec(attribute, args, outputs, isComponent: true);
        return this;
    }

    private readonly JsonObject _resources = [];
    private Type? _config;

    public string Build()
    {
        var config = _config is null ? new JsonObject() : Properties(_config);
        var schema = new JsonObject
        {
            ["name"] = package,
            ["version"] = version,
            ["displayName"] = "AuditInfra",
            ["description"] = "Akamai Cloud (Linode) audit-log delivery as code: Object Lock buckets and components that wire Linode Logs destinations and streams.",
            ["keywords"] = new JsonArray("linode", "akamai", "audit-logs", "object-lock", "category/utility", "kind/component"),
            ["license"] = "Apache-2.0",
            ["config"] = new JsonObject { ["variables"] = config.DeepClone() },
            ["provider"] = new JsonObject { ["description"] = "The auditinfra provider: S3 access to Linode Object Storage.", ["inputProperties"] = config.DeepClone() },
            ["resources"] = _resources.DeepClone(),
            ["types"] = _types.DeepClone(),
            ["language"] = new JsonObject
            {
                ["csharp"] = new JsonObject
                {
                    ["packageReferences"] = new JsonObject { ["Pulumi"] = "3.*" },
                    ["namespaces"] = new JsonObject { [package] = "AuditInfra" },
                    ["respectSchemaVersion"] = true,
                },
                ["nodejs"] = new JsonObject { ["packageName"] = "@auditinfra/pulumi", ["respectSchemaVersion"] = true },
            },
        };
        return schema.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
    }

    private JsonObject ResourceSpec(ResourceTypeAttribute attribute, Type inputs, Type outputs, bool isComponent)
    {
        var spec = new JsonObject
        {
            ["description"] = attribute.Description,
            ["inputProperties"] = Properties(inputs),
            ["requiredInputs"] = Required(inputs),
            ["properties"] = Properties(outputs),
            ["required"] = Required(outputs),
        };
        if (isComponent)
        {
            spec["isComponent"] = true;
        }

        return spec;
    }

    private JsonObject Properties(Type record)
    {
        var properties = new JsonObject();
        foreach (var member in RecordShape.For(record).Members)
        {
            var spec = TypeSpec(member.ValueType);
            var description = member.Attribute.Description;
            if (member.Attribute.OneOf is { } oneOf)
            {
                description += $" One of: {string.Join(", ", oneOf)}.";
            }

            spec["description"] = description;
            if (member.Attribute.Secret)
            {
                spec["secret"] = true;
            }

            if (member.Attribute.ReplaceOnChanges)
            {
                spec["replaceOnChanges"] = true;
            }

            properties[member.Name] = spec;
        }

        return properties;
    }

    private static JsonArray Required(Type record) =>
        new(RecordShape.For(record).Members.Where(m => m.Required).Select(m => (JsonNode)JsonValue.Create(m.Name)!).ToArray());

    private JsonObject TypeSpec(Type type)
    {
        if (RecordShape.OutputElement(type) is { } inner)
        {
            return TypeSpec(inner);
        }

        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string))
        {
            return new JsonObject { ["type"] = "string" };
        }

        if (type == typeof(int) || type == typeof(long))
        {
            return new JsonObject { ["type"] = "integer" };
        }

        if (type == typeof(bool))
        {
            return new JsonObject { ["type"] = "boolean" };
        }

        if (type == typeof(double))
        {
            return new JsonObject { ["type"] = "number" };
        }

        if (type == typeof(PropertyValue))
        {
            return new JsonObject { ["$ref"] = "pulumi.json#/Any" };
        }

        if (RecordShape.ListElement(type) is { } element)
        {
            return new JsonObject { ["type"] = "array", ["items"] = TypeSpec(element) };
        }

        if (RecordShape.IsRecord(type))
        {
            var token = $"{package}:index:{type.Name}";
            if (!_types.ContainsKey(token))
            {
                _types[token] = null; // reserve first: records may refer to each other
                _types[token] = new JsonObject { ["type"] = "object", ["properties"] = Properties(type), ["required"] = Required(type) };
            }

            return new JsonObject { ["$ref"] = $"#/types/{token}" };
        }

        throw new InvalidOperationException($"no schema type for {type.Name}");
    }
}
