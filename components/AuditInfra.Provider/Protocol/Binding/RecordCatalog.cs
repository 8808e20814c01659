using System.Collections;
using System.Diagnostics.CodeAnalysis;
using AuditInfra.Provider.Model;

namespace AuditInfra.Provider.Protocol.Binding;

/// <summary>
/// The record types the binder, the writer and the schema work with, each added through a generic method so that
/// the trimmer sees the type and keeps its public properties and parameterless constructor (Native AOT). The
/// property reflection of <see cref="RecordShape"/> therefore only ever runs over types listed here, and every
/// object it creates (a record, a list of records, an <see cref="Output{T}"/>) comes from a factory compiled for
/// that type, never from a type constructed at run time.
/// </summary>
internal sealed class RecordCatalog
{
    private readonly Dictionary<Type, RecordShape> _records = [];
    private readonly Dictionary<Type, Func<PropertyValue, object>> _outputs = [];
    private readonly Dictionary<Type, Func<IList>> _lists = new()
    {
        [typeof(string)] = static () => new List<string>(),
        [typeof(int)] = static () => new List<int>(),
        [typeof(bool)] = static () => new List<bool>(),
        [typeof(PropertyValue)] = static () => new List<PropertyValue>(),
    };

    /// <summary>Adds the record <typeparamref name="T"/> (its [Property] members) and lists of it.</summary>
    public RecordCatalog Record<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties | DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] T>()
        where T : class
    {
        _records[typeof(T)] = new RecordShape(typeof(T), static () => Activator.CreateInstance<T>());
        _lists[typeof(T)] = static () => new List<T>();
        return this;
    }

    /// <summary>Adds <see cref="Output{T}"/> as a member type, and lists of it.</summary>
    public RecordCatalog Output<T>()
    {
        _outputs[typeof(Output<T>)] = static value => new Output<T>(value);
        _lists[typeof(Output<T>)] = static () => new List<Output<T>>();
        return this;
    }

    /// <summary>
    /// Checks that every member of every record has a type the binder, writer and schema handle: a scalar, a record,
    /// a list or an output added here.
    /// </summary>
    /// <exception cref="InvalidOperationException">A member's type was not added (names the record and member).</exception>
    public RecordCatalog Verify()
    {
        foreach (var shape in _records.Values)
        {
            foreach (var member in shape.Members)
            {
                if (!Handles(member.ValueType))
                {
                    throw new InvalidOperationException($"{shape.Type.Name}.{member.Info.Name}: the record catalog has no {member.ValueType.Name}");
                }
            }
        }

        return this;
    }

    /// <exception cref="InvalidOperationException"><paramref name="type"/> was not added.</exception>
    public RecordShape Shape(Type type) =>
        _records.TryGetValue(type, out var shape) ? shape : throw new InvalidOperationException($"{type.Name} is not in the record catalog");

    public bool IsRecord(Type type) => _records.ContainsKey(type);

    /// <summary>A new empty List&lt;<paramref name="element"/>&gt;.</summary>
    /// <exception cref="InvalidOperationException">Lists of <paramref name="element"/> were not added.</exception>
    public IList NewList(Type element) =>
        _lists.TryGetValue(element, out var create) ? create() : throw new InvalidOperationException($"the record catalog has no lists of {element.Name}");

    /// <summary>A new <paramref name="outputType"/> (an <see cref="Output{T}"/>) holding <paramref name="value"/>.</summary>
    /// <exception cref="InvalidOperationException"><paramref name="outputType"/> was not added.</exception>
    public object NewOutput(Type outputType, PropertyValue value) =>
        _outputs.TryGetValue(outputType, out var create) ? create(value) : throw new InvalidOperationException($"the record catalog has no {outputType.Name}");

    private bool Handles(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string) || type == typeof(int) || type == typeof(long) || type == typeof(bool) || type == typeof(double) || type == typeof(PropertyValue))
        {
            return true;
        }

        if (RecordShape.OutputElement(type) is { } inner)
        {
            return _outputs.ContainsKey(type) && Handles(inner);
        }

        if (RecordShape.ListElement(type) is { } element)
        {
            return _lists.ContainsKey(element) && Handles(element);
        }

        return _records.ContainsKey(type);
    }
}
