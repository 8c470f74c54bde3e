using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using ServiceInsights.Data.Entities;

namespace ServiceInsights.Data.Records;

/// <summary>
/// Text filters as SQL <c>LIKE '%…%'</c>. LIKE is case-insensitive for Latin letters on SQLite and under SQL Server's
/// default collation (SQLite translates <c>string.Contains</c> to a case-sensitive <c>instr</c>); the wildcards a user
/// types are escaped, and the pattern goes to SQL as a parameter.
/// </summary>
internal static class TextPattern
{
    public const string Escape = "\\";

    private static readonly System.Reflection.MethodInfo LikeMethod = typeof(DbFunctionsExtensions).GetMethod(
        nameof(DbFunctionsExtensions.Like), [typeof(DbFunctions), typeof(string), typeof(string), typeof(string)])!;

    private static readonly Expression EfFunctions = Expression.Property(null, typeof(EF), nameof(EF.Functions));

    public static string? From(string? text) =>
        string.IsNullOrWhiteSpace(text)
            ? null
            : "%" + text.Trim().Replace(Escape, Escape + Escape).Replace("%", Escape + "%").Replace("_", Escape + "_")
                .Replace("[", Escape + "[") + "%";

    /// <summary><c>r =&gt; r.A LIKE p OR r.B LIKE p …</c>, or null when the text is blank (no filter).</summary>
    public static Expression<Func<T, bool>>? AnyLike<T>(string? text, params Expression<Func<T, string?>>[] columns)
    {
        if (From(text) is not { } pattern)
        {
            return null;
        }

        // A closure member, not a constant, so that EF sends the pattern as a parameter.
        Expression<Func<string>> patternValue = () => pattern;
        var row = Expression.Parameter(typeof(T), "r");
        var body = columns
            .Select(column => (Expression)Expression.Call(LikeMethod, EfFunctions,
                new ReplaceParameter(column.Parameters[0], row).Visit(column.Body), patternValue.Body, Expression.Constant(Escape)))
            .Aggregate(Expression.OrElse);
        return Expression.Lambda<Func<T, bool>>(body, row);
    }

    public static IQueryable<T> WhereAnyLike<T>(this IQueryable<T> query, string? text, params Expression<Func<T, string?>>[] columns) =>
        AnyLike(text, columns) is { } match ? query.Where(match) : query;

    private sealed class ReplaceParameter(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}

/// <summary>
/// The columns a list may be sorted by, by row property name. Only these reach SQL; without one (or with an unknown
/// name) a list is in its anchor time's order, newest first. Every order ends with the id, so paging is stable on ties.
/// </summary>
internal sealed class SortColumns<T>(Expression<Func<T, DateTime>> anchor) where T : ServiceRecord
{
    private readonly Dictionary<string, Func<IQueryable<T>, bool, IOrderedQueryable<T>>> _columns = new(StringComparer.OrdinalIgnoreCase);

    public SortColumns<T> Add<TKey>(string name, Expression<Func<T, TKey>> key)
    {
        _columns[name] = (query, descending) => descending ? query.OrderByDescending(key) : query.OrderBy(key);
        return this;
    }

    /// <summary>Orders, skips and takes: the page in SQL.</summary>
    public IQueryable<T> Page(IQueryable<T> query, PageRequest page)
    {
        var known = page.SortBy is { } name && _columns.ContainsKey(name);
        var descending = !known || page.Descending;
        var ordered = known ? _columns[page.SortBy!](query, descending) : query.OrderByDescending(anchor);
        ordered = descending ? ordered.ThenByDescending(r => r.Id) : ordered.ThenBy(r => r.Id);
        return ordered.Skip(page.SafeSkip).Take(page.SafeTake);
    }
}
