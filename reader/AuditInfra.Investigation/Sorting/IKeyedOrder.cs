namespace AuditInfra.Investigation.Sorting;

/// <summary>
/// A total order given by a key of two numbers: <c>Compare(a, b)</c> must equal <c>KeyOf(a).CompareTo(KeyOf(b))</c>
/// (first number, then second). <see cref="ExternalSorter{T}"/> sorts such items by their keys, comparing plain numbers
/// instead of calling the comparer once per comparison.
/// </summary>
public interface IKeyedOrder<T> : IComparer<T>
{
    (long Major, long Minor) KeyOf(in T item);
}
