using System.Collections.Immutable;
using System.Globalization;
using AuditInfra.Provider.Model;

namespace AuditInfra.Provider.Protocol.Binding;

/// <summary>
/// Binds a property map to a typed record by its [Property] attributes. Numbers arrive as doubles and stack config
/// as strings (pitfalls 14, 15), so integers and booleans are also accepted in their string form.
/// </summary>
internal static class PropertyBinder
{
    public static BindResult<T> Bind<T>(ObjectProperty properties, IReadOnlyDictionary<string, ImmutableArray<string>>? dependencies = null)
        where T : class
    {
        var failures = new List<CheckFailure>();
        var unknown = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
        var secret = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
        var shape = RecordShape.For(typeof(T));
        foreach (var member in shape.Members)
        {
            var value = properties[member.Name];
            if (value is null)
            {
                continue;
            }

            if (value.ContainsSecret)
            {
                secret.Add(member.Name);
            }

            if (!value.IsKnown && RecordShape.OutputElement(member.ValueType) is null)
            {
                unknown.Add(member.Name);
            }
        }

        var bound = (T)BindRecord(typeof(T), properties, string.Empty, failures, dependencies, secret: false);
        return new BindResult<T>(bound, failures, unknown.ToImmutable(), secret.ToImmutable());
    }

    private static object BindRecord(Type type, ObjectProperty properties, string path, List<CheckFailure> failures, IReadOnlyDictionary<string, ImmutableArray<string>>? dependencies, bool secret)
    {
        var shape = RecordShape.For(type);
        var instance = shape.Create();
        foreach (var member in shape.Members)
        {
            var memberPath = path.Length == 0 ? member.Name : $"{path}.{member.Name}";
            var value = properties[member.Name];
            if (RecordShape.OutputElement(member.ValueType) is not null)
            {
                // Outputs keep unknowns, secrets and the URNs they came from.
                var deps = path.Length == 0 && dependencies is not null && dependencies.TryGetValue(member.Name, out var d) ? d : [];
                if (value is null or NullProperty)
                {
                    if (member.Required)
                    {
                        failures.Add(new CheckFailure(memberPath, "is required"));
                    }

                    continue;
                }

                var output = KnownRecords.Catalog.NewOutput(member.ValueType, WithDependencies(value, deps));
                member.Info.SetValue(instance, output);
                continue;
            }

            var plain = value?.Plain();
            if (plain is null or NullProperty)
            {
                if (member.Required)
                {
                    failures.Add(new CheckFailure(memberPath, "is required"));
                }

                continue;
            }

            if (!plain.IsKnown && member.ValueType != typeof(PropertyValue))
            {
                continue; // not known yet (preview): validated once it is
            }

            if (TryConvert(member.ValueType, plain, memberPath, failures, member.Attribute.OneOf, secret || value!.ContainsSecret, out var converted))
            {
                member.Info.SetValue(instance, converted);
            }
        }

        return instance;
    }

    private static PropertyValue WithDependencies(PropertyValue value, ImmutableArray<string> dependencies) =>
        dependencies.IsDefaultOrEmpty ? value
        : value is OutputProperty o ? o with { Dependencies = o.Dependencies.AddRange(dependencies).Distinct().ToImmutableArray() }
        : new OutputProperty(value is UnknownProperty ? null : value, false, dependencies);

    /// <param name="secret">The value is (inside) a secret: failure reasons name its kind but never show it.</param>
    private static bool TryConvert(Type type, PropertyValue value, string path, List<CheckFailure> failures, string[]? oneOf, bool secret, out object? result)
    {
        result = null;
        if (type == typeof(PropertyValue))
        {
            result = value;
            return true;
        }

        if (type == typeof(string))
        {
            var text = value switch
            {
                StringProperty s => s.Value,
                ResourceReferenceProperty r => r.Id ?? r.Urn, // a reference used as a value means its id (custom) or URN
                _ => null,
            };
            if (text is null)
            {
                return Fail(failures, path, $"must be a string, not {Describe(value, secret)}");
            }

            if (oneOf is not null && !oneOf.Contains(text, StringComparer.Ordinal))
            {
                return Fail(failures, path, $"must be one of {string.Join(", ", oneOf)}, not {(secret ? "this secret value" : $"\"{text}\"")}");
            }

            result = text;
            return true;
        }

        if (type == typeof(int))
        {
            double? number = value switch
            {
                NumberProperty n => n.Value,
                StringProperty s when double.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
                _ => null,
            };
            if (number is not { } n2 || n2 != Math.Floor(n2) || n2 < int.MinValue || n2 > int.MaxValue)
            {
                return Fail(failures, path, $"must be a whole number, not {Describe(value, secret)}");
            }

            result = (int)n2;
            return true;
        }

        if (type == typeof(bool))
        {
            bool? flag = value switch
            {
                BoolProperty b => b.Value,
                StringProperty { Value: "true" or "True" } => true,
                StringProperty { Value: "false" or "False" } => false,
                _ => null,
            };
            if (flag is null)
            {
                return Fail(failures, path, $"must be true or false, not {Describe(value, secret)}");
            }

            result = flag.Value;
            return true;
        }

        if (RecordShape.ListElement(type) is { } element)
        {
            if (value is not ArrayProperty array)
            {
                return Fail(failures, path, $"must be a list, not {Describe(value, secret)}");
            }

            var list = KnownRecords.Catalog.NewList(element);
            var ok = true;
            for (var i = 0; i < array.Items.Length; i++)
            {
                if (TryConvert(element, array.Items[i], $"{path}[{i}]", failures, null, secret, out var item))
                {
                    list.Add(item);
                }
                else
                {
                    ok = false;
                }
            }

            result = list;
            return ok;
        }

        if (RecordShape.IsRecord(type))
        {
            if (value is not ObjectProperty obj)
            {
                return Fail(failures, path, $"must be an object, not {Describe(value, secret)}");
            }

            // Bound even when a field failed, so the resource's own checks still report the other fields.
            result = BindRecord(type, obj, path, failures, null, secret);
            return true;
        }

        throw new InvalidOperationException($"the binder has no conversion to {type.Name} ({path})");
    }

    private static bool Fail(List<CheckFailure> failures, string path, string reason)
    {
        failures.Add(new CheckFailure(path, reason));
        return false;
    }

    private static string Describe(PropertyValue value, bool secret) => value switch
    {
        StringProperty when secret => "a secret string",
        NumberProperty when secret => "a secret number",
        BoolProperty when secret => "a secret true or false",
        StringProperty s => $"the string \"{(s.Prefix(41) is { Length: > 40 } head ? head[..40] + "…" : s.Value)}\"",
        NumberProperty n => $"the number {n.Value.ToString(CultureInfo.InvariantCulture)}",
        BoolProperty b => b.Value ? "true" : "false",
        ArrayProperty => "a list",
        ObjectProperty => "an object",
        ResourceReferenceProperty => "a resource reference",
        _ => value.GetType().Name,
    };
}
