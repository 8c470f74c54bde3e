using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.CompilerServices;
using Row = ServiceInsights.Data.Persistence.RowReader.Row;

namespace ServiceInsights.Data.Persistence;

/// <summary>
/// Reads a row into a <typeparamref name="T"/> by column name: each column of the query's result goes into the settable
/// member of the same name, so a projection (<c>query.Select(x => new T { A = x.A, … })</c>) and its type are the whole of
/// a loader, and a new column is one line in each. The read is compiled once per type and column list. It fails before
/// the first row when a column has no member (a renamed member, or SQL that names the column otherwise) or a
/// <c>required</c> member has no column. Texts, numbers, yes/no values, dates and enumerations (stored by name, or
/// computed in SQL as their number) are read; every timestamp goes through the caller's conversion (UTC → local).
/// </summary>
internal static class RowBinder<T>
{
    private static readonly ConcurrentDictionary<string, Func<Row, Func<DateTime, DateTime>, T>> Compiled = new(StringComparer.Ordinal);

    public static Func<Row, T> Bind(Row row, Func<DateTime, DateTime> time)
    {
        var columns = Enumerable.Range(0, row.FieldCount).Select(row.ColumnName).ToArray();
        var read = Compiled.GetOrAdd(string.Join('\u001F', columns), _ => Compile(columns));
        return r => read(r, time);
    }

    private static Func<Row, Func<DateTime, DateTime>, T> Compile(string[] columns)
    {
        var members = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is not null)
            .ToDictionary(p => p.Name, StringComparer.Ordinal);
        var row = Expression.Parameter(typeof(Row), "row");
        var time = Expression.Parameter(typeof(Func<DateTime, DateTime>), "time");
        var bindings = new List<MemberBinding>();
        for (var i = 0; i < columns.Length; i++)
        {
            if (!members.Remove(columns[i], out var member))
            {
                throw new InvalidOperationException(
                    $"The query's column '{columns[i]}' is not a settable member of {typeof(T).Name} (renamed, or named otherwise in SQL).");
            }

            bindings.Add(Expression.Bind(member, Value(member.PropertyType, row, i, time)));
        }

        var unread = members.Values.Where(m => m.IsDefined(typeof(RequiredMemberAttribute))).Select(m => m.Name).ToList();
        if (unread.Count > 0)
        {
            throw new InvalidOperationException($"{typeof(T).Name}.{string.Join(", ", unread)} is required, but the query has no column of that name.");
        }

        var body = Expression.MemberInit(Expression.New(typeof(T)), bindings);
        return Expression.Lambda<Func<Row, Func<DateTime, DateTime>, T>>(body, row, time).Compile();
    }

    /// <summary>The read of column <paramref name="i"/> as <paramref name="type"/>: NULL is null (or the default, for a value that cannot be null).</summary>
    private static Expression Value(Type type, ParameterExpression row, int i, ParameterExpression time)
    {
        var index = Expression.Constant(i);
        var core = Nullable.GetUnderlyingType(type) ?? type;
        if (core == typeof(string))
        {
            return Expression.Call(row, nameof(Row.Name), null, index);
        }

        Expression read = core switch
        {
            _ when core == typeof(DateTime) => Expression.Invoke(time, Expression.Call(row, nameof(Row.Utc), null, index)),
            _ when core == typeof(bool) => Expression.Call(row, nameof(Row.Bool), null, index),
            _ when core == typeof(int) => Expression.Call(row, nameof(Row.Int), null, index),
            _ when core == typeof(long) => Expression.Call(row, nameof(Row.Long), null, index),
            _ when core == typeof(DateOnly) => Expression.Call(row, nameof(Row.Date), null, index),
            _ when core.IsEnum => Expression.Call(row, nameof(Row.EnumOf), [core], index),
            _ => throw new InvalidOperationException($"{typeof(T).Name}: a column of type {core.Name} is not read by name."),
        };
        return Expression.Condition(Expression.Call(row, nameof(Row.IsNull), null, index), Expression.Default(type), Expression.Convert(read, type));
    }
}
