using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.CompilerServices;
using AuditInfra.Provider.Model;

namespace AuditInfra.Provider.Protocol.Binding;

/// <summary>One [Property] member of an Args/State/Outputs record.</summary>
internal sealed record RecordMember(PropertyInfo Info, PropertyAttribute Attribute, bool Required, Type ValueType)
{
    public string Name => Attribute.Name;
}

/// <summary>The [Property] members of a record type, read once by reflection (immutable, so caching it is safe).</summary>
internal sealed class RecordShape
{
    private static readonly ConcurrentDictionary<Type, RecordShape> Cache = new();

    private RecordShape(Type type)
    {
        Type = type;
        Members = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => (Info: p, Attribute: p.GetCustomAttribute<PropertyAttribute>()))
            .Where(p => p.Attribute is not null)
            .Select(p => new RecordMember(p.Info, p.Attribute!, p.Info.IsDefined(typeof(RequiredMemberAttribute)), Nullable.GetUnderlyingType(p.Info.PropertyType) ?? p.Info.PropertyType))
            .ToArray();
        if (Members.Count == 0)
        {
            throw new InvalidOperationException($"{type.Name} has no [Property] members");
        }
    }

    public Type Type { get; }

    public IReadOnlyList<RecordMember> Members { get; }

    public static RecordShape For(Type type) => Cache.GetOrAdd(type, t => new RecordShape(t));

    public static bool IsRecord(Type type) => type.IsClass && type != typeof(string) && type.GetProperties().Any(p => p.IsDefined(typeof(PropertyAttribute)));

    /// <summary>The element type when <paramref name="type"/> is a list the binder understands.</summary>
    public static Type? ListElement(Type type) =>
        type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) || type.GetGenericTypeDefinition() == typeof(List<>))
            ? type.GetGenericArguments()[0]
            : null;

    /// <summary>The T of <see cref="Output{T}"/>, or null.</summary>
    public static Type? OutputElement(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Output<>) ? type.GetGenericArguments()[0] : null;
}
