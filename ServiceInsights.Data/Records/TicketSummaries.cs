using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using ServiceInsights.Data.Entities;
using ServiceInsights.Data.Persistence;

namespace ServiceInsights.Data.Records;

/// <summary>The ticket side of repairs and site visits, which carry only a ticket number.</summary>
internal static class TicketSummaries
{
    /// <summary>One ticket subquery per ticket-side filter given (staff, product/model, customer); none when all are blank.</summary>
    public static IEnumerable<IQueryable<Ticket>> Matching(ServiceInsightsDbContext db, string? staff, string? product, string? customer)
    {
        var matches = new[]
        {
            TextPattern.AnyLike<Ticket>(staff, t => t.Staff),
            TextPattern.AnyLike<Ticket>(product, t => t.ProductName, t => t.Model),
            TextPattern.AnyLike<Ticket>(customer, t => t.Customer),
        };
        return matches.OfType<Expression<Func<Ticket, bool>>>().Select(match => db.Tickets.Where(match));
    }

    /// <summary>The summaries of the tickets a page of rows names, by ticket number (one query on the unique index).</summary>
    public static async Task<Dictionary<string, TicketSummary>> ForAsync(ServiceInsightsDbContext db, IEnumerable<string?> ticketNumbers,
        CancellationToken cancellationToken)
    {
        var numbers = ticketNumbers.OfType<string>().Distinct().ToList();
        if (numbers.Count == 0)
        {
            return [];
        }

        return await For(db, numbers).ToDictionaryAsync(t => t.TicketNo, cancellationToken);
    }

    internal static IQueryable<TicketSummary> For(ServiceInsightsDbContext db, List<string> numbers) =>
        db.Tickets.AsNoTracking()
            .Where(t => numbers.Contains(t.TicketNo))
            .Select(t => new TicketSummary(t.TicketNo, t.Customer, t.ProductName, t.Model, t.Staff));
}
