using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.CompilerServices;
using AuditInfra.Provider.Model;

namespace AuditInfra.Provider.Protocol.Binding;

/// <summary>One [Property] member of an Args/State/Outputs record.</summary>
internal sealed record RecordMember(PropertyInfo Info, PropertyAttribute Attribute, bool Required, Type ValueType)
{
    public string Name => Attribute.Name;
}

/// <summary>
/// The [Property] members of a record type, read once by reflection (immutable, so sharing it is safe). Shapes are
/// made by <see cref="RecordCatalog"/> only, for types whose properties the trimmer was told to keep.
/// </summary>
internal sealed class RecordShape
{
    private readonly Func<object> _create;

    internal RecordShape([DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] Type type, Func<object> create)
    {
        Type = type;
        _create = create;
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

    /// <summary>The shape of one of the provider's records (<see cref="KnownRecords"/>).</summary>
    /// <exception cref="InvalidOperationException"><paramref name="type"/> is not a known record.</exception>
    public static RecordShape For(Type type) => KnownRecords.Catalog.Shape(type);

    public static bool IsRecord(Type type) => KnownRecords.Catalog.IsRecord(type);

    /// <summary>A new instance with every member at its default (required members included: the binder fills them).</summary>
    public object Create() => _create();

    /// <summary>The element type when <paramref name="type"/> is a list the binder understands.</summary>
    public static Type? ListElement(Type type) =>
        type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) || type.GetGenericTypeDefinition() == typeof(List<>))
            ? type.GetGenericArguments()[0]
            : null;

    /// <summary>The T of <see cref="Output{T}"/>, or null.</summary>
    public static Type? OutputElement(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Output<>) ? type.GetGenericArguments()[0] : null;
}
