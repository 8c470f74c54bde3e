using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using ServiceInsights.Data.Domain.Metrics;
using ServiceInsights.Data.Entities;
using ServiceInsights.Data.Persistence;

namespace ServiceInsights.Data.Reports.Kpi;

public sealed partial class MetricQuery
{
    /// <summary>
    /// The loaders behind <see cref="LoadAsync"/>, one per record kind: the month's records by their indexed anchor time in
    /// the <paramref name="Window"/> up to as-of (complaints from <paramref name="ComplaintsFrom"/>, for CP-1), projected
    /// straight into the snapshots the rules read (<see cref="TicketFacts"/> …), column by member name, so the projection is
    /// the whole loader: <see cref="RowReader"/> fills each member from the column of its name, and a new column is one line
    /// here and one member there. What is known at as-of is applied here (<see cref="AsOfWindow"/>, decision 023): records
    /// anchored after as-of are not selected, and every other event time after as-of is selected as NULL
    /// (<c>x &lt;= AsOf ? x : null</c>); planned times are selected as they are. Times are UTC as stored; the reader makes
    /// them local. The members filled from linked records (a ticket's callbacks, a callback's VIP …) are set by
    /// <see cref="LoadAsync"/>. Linked records made by as-of are reached through a join on the indexed repair number
    /// (status updates) or by the ticket numbers already read (linked tickets and callbacks), sent as one JSON array, never
    /// as one parameter per number (a month names tens of thousands; SQL Server caps a command at 2,100 parameters).
    /// </summary>
    internal sealed record KpiQueries(ServiceInsightsDbContext Db, AsOfWindow Window, DateTime ComplaintsFrom, IReadOnlyList<string> ForbiddenPhrases)
    {
        private DateTime From => Window.From;

        /// <summary>The month's end, or just after as-of when that comes first: an anchor time t belongs when From ≤ t &lt; To.</summary>
        private DateTime To => Window.Until;

        private DateTime AsOf => Window.AsOfUtc;

        private IQueryable<Ticket> MonthTickets => Db.Tickets.AsNoTracking().Where(t => t.ReceivedAt >= From && t.ReceivedAt < To);

        /// <summary>
        /// The month's tickets with only the columns the rules read: CS-2's blank checks run in SQL (a bit per field of
        /// <see cref="RequiredTicketFields"/>), so the long texts (problem, solution, notes) stay in the database.
        /// </summary>
        public IQueryable<TicketFacts> Tickets => TicketFacts(MonthTickets, AsOf);

        /// <summary>The rules' columns of <paramref name="tickets"/> (the month's, or the callback worklist's), known at <paramref name="asOf"/>.</summary>
        public static IQueryable<TicketFacts> TicketFacts(IQueryable<Ticket> tickets, DateTime asOf) => tickets.Select(t => new TicketFacts
        {
            TicketNo = t.TicketNo,
            ReceivedAt = t.ReceivedAt,
            Vip = t.Vip == true,
            ProductName = t.ProductName,
            Model = t.Model,
            Origin = t.Origin,
            ServiceType = t.ServiceType,
            Staff = t.Staff,
            SmsConfirmedAt = t.SmsConfirmedAt <= asOf ? t.SmsConfirmedAt : null,
            FirstResponseAt = t.FirstResponseAt <= asOf ? t.FirstResponseAt : null,
            PromisedBy = t.PromisedBy,
            SatisfactoryReplyAt = t.SatisfactoryReplyAt <= asOf ? t.SatisfactoryReplyAt : null,
            ResolvedAt = t.ResolvedAt <= asOf ? t.ResolvedAt : null,
            MissingFields = (RequiredTicketFields)(
                (string.IsNullOrWhiteSpace(t.Customer) ? (int)RequiredTicketFields.Customer : 0)
                + (string.IsNullOrWhiteSpace(t.Address) ? (int)RequiredTicketFields.Address : 0)
                + (string.IsNullOrWhiteSpace(t.Contact) ? (int)RequiredTicketFields.Contact : 0)
                + (string.IsNullOrWhiteSpace(t.Phone) ? (int)RequiredTicketFields.Phone : 0)
                + (string.IsNullOrWhiteSpace(t.ProductName) ? (int)RequiredTicketFields.ProductName : 0)
                + (string.IsNullOrWhiteSpace(t.Model) ? (int)RequiredTicketFields.Model : 0)
                + (string.IsNullOrWhiteSpace(t.SerialNo) ? (int)RequiredTicketFields.SerialNo : 0)
                + (t.PurchaseDate == null ? (int)RequiredTicketFields.PurchaseDate : 0)
                + (string.IsNullOrWhiteSpace(t.Problem) ? (int)RequiredTicketFields.Problem : 0)
                + (string.IsNullOrWhiteSpace(t.Solution) ? (int)RequiredTicketFields.Solution : 0)),
        });

        /// <summary>
        /// CS-1b: the solution and notes of just the month's tickets that contain a forbidden phrase (one <c>instr</c> /
        /// <c>CHARINDEX</c> test per phrase and text, each phrase a parameter); almost no ticket has one. A query of its own,
        /// on another lane: the same tests inside the tickets' query (texts selected only under a phrase) made that query,
        /// the longest, about twice as long, and the linked callbacks wait for it.
        /// </summary>
        public IQueryable<TicketText> ForbiddenPhraseTexts =>
            MonthTickets.Where(ContainsAny(ForbiddenPhrases)).Select(t => new TicketText(t.TicketNo, t.Solution, t.Notes));

        private IQueryable<Repair> MonthRepairs => Db.Repairs.AsNoTracking().Where(r => r.ReceivedAt >= From && r.ReceivedAt < To);

        public IQueryable<RepairFacts> Repairs => MonthRepairs.Select(r => new RepairFacts
        {
            RepairNo = r.RepairNo,
            TicketNo = r.TicketNo,
            ReceivedAt = r.ReceivedAt,
            OrderedAt = r.OrderedAt <= AsOf ? r.OrderedAt : null,
            HandedOverAt = r.HandedOverAt <= AsOf ? r.HandedOverAt : null,
            RepairedAt = r.RepairedAt <= AsOf ? r.RepairedAt : null,
            AgreedDueDate = r.AgreedDueDate,
        });

        public IQueryable<VisitFacts> Visits => VisitFacts(Db.SiteVisits.AsNoTracking().Where(v => v.OrderedAt >= From && v.OrderedAt < To), AsOf);

        /// <summary>The rules' columns of <paramref name="visits"/> (the month's, or the callback worklist's), known at <paramref name="asOf"/>.</summary>
        public static IQueryable<VisitFacts> VisitFacts(IQueryable<SiteVisit> visits, DateTime asOf) => visits.Select(v => new VisitFacts
        {
            DispatchNo = v.DispatchNo,
            TicketNo = v.TicketNo,
            Source = v.Source,
            OrderedAt = v.OrderedAt,
            DirectorSignedAt = v.DirectorSignedAt <= asOf ? v.DirectorSignedAt : null,
            AppointmentAt = v.AppointmentAt,
            RescheduledWithNotice = v.RescheduledWithNotice,
            ArrivedAt = v.ArrivedAt <= asOf ? v.ArrivedAt : null,
            CompletedAt = v.CompletedAt <= asOf ? v.CompletedAt : null,
            FormFiled = v.FormFiled,
            SurveyScore = v.SurveyScore,
            Engineer = v.Engineer,
        });

        /// <summary>The month's callbacks without their free texts (customer, product, other needs, notes).</summary>
        public IQueryable<CallbackFacts> Callbacks => Db.Callbacks.AsNoTracking().Where(c => c.At >= From && c.At < To).Select(c => new CallbackFacts
        {
            CallbackNo = c.CallbackNo,
            TicketNo = c.TicketNo,
            At = c.At,
            Method = c.Method,
            Reached = c.Reached,
            Solved = c.Solved,
            RunningNormally = c.RunningNormally,
            Satisfaction = c.Satisfaction,
            Staff = c.Staff,
            Model = c.Model,
        });

        public IQueryable<QuoteFacts> Quotes => Db.Quotes.AsNoTracking().Where(q => q.QuotedAt >= From && q.QuotedAt < To).Select(q => new QuoteFacts
        {
            QuoteNo = q.QuoteNo,
            TicketNo = q.TicketNo,
            QuotedAt = q.QuotedAt,
            FirstQuoted = q.FirstQuoted,
            NoInvoiceRequested = q.NoInvoiceRequested,
        });

        /// <summary>The complaints of the month and of the N days before it (CP-1's repeats), without their descriptions.</summary>
        public IQueryable<ComplaintFacts> Complaints => Db.Complaints.AsNoTracking().Where(c => c.ReceivedAt >= ComplaintsFrom && c.ReceivedAt < To)
            .Select(c => new ComplaintFacts
            {
                ComplaintNo = c.ComplaintNo,
                TicketNo = c.TicketNo,
                Customer = c.Customer,
                ReceivedAt = c.ReceivedAt,
                Source = c.Source,
                SalesFeedbackAt = c.SalesFeedbackAt <= AsOf ? c.SalesFeedbackAt : null,
                ThreatensExternal = c.ThreatensExternal,
                Media = c.Media,
                PromisedBy = c.PromisedBy,
                Measures = c.Measures,
                ManagerInformedAt = c.ManagerInformedAt <= AsOf ? c.ManagerInformedAt : null,
                LeaderInformedAt = c.LeaderInformedAt <= AsOf ? c.LeaderInformedAt : null,
                ResultNotifiedAt = c.ResultNotifiedAt <= AsOf ? c.ResultNotifiedAt : null,
                Satisfaction = c.Satisfaction,
                RootCause = c.RootCause,
                CorrectiveAction = c.CorrectiveAction,
                Responsible = c.Responsible,
                ClosedAt = c.ClosedAt <= AsOf ? c.ClosedAt : null,
                CaseStudyWritten = c.CaseStudyWritten,
                Staff = c.Staff,
                Model = c.Model,
            });

        /// <summary>
        /// What the month's repairs, visits, callbacks, complaints and quotes need of the tickets they name that were received
        /// outside the month (<paramref name="numbers"/>, found in the rows already read) but by as-of: the numbers travel as
        /// one JSON array parameter (json_each / OPENJSON), so they may be many, and each is one seek in the ticket number's index.
        /// </summary>
        public IQueryable<LinkedTicket> LinkedTickets(IEnumerable<string> numbers)
        {
            var list = Once(numbers);
            return Db.Tickets.Where(t => EF.Parameter(list).Contains(t.TicketNo) && t.ReceivedAt <= AsOf)
                .Select(t => new LinkedTicket { TicketNo = t.TicketNo, Origin = t.Origin, ServiceType = t.ServiceType, Staff = t.Staff, Model = t.Model, Vip = t.Vip });
        }

        /// <summary>
        /// The callbacks made by as-of, in whatever month, of the tickets numbered (the month's tickets and the month's visits'
        /// tickets, already read: one JSON array, each number one seek in the callbacks' ticket number index).
        /// </summary>
        public IQueryable<TicketCallback> LinkedCallbacks(IEnumerable<string> ticketNumbers)
        {
            var list = Once(ticketNumbers);
            return Db.Callbacks.Where(c => EF.Parameter(list).Contains(c.TicketNo!) && c.At <= AsOf)
                .Select(c => new TicketCallback { TicketNo = c.TicketNo!, CallbackNo = c.CallbackNo, At = c.At, Method = c.Method, Reached = c.Reached });
        }

        /// <summary>The numbers for a JSON array parameter, each once.</summary>
        private static string[] Once(IEnumerable<string> numbers) => [.. numbers.Distinct(StringComparer.Ordinal)];

        /// <summary>The status updates of the month's repairs made by as-of (CS-4c).</summary>
        public IQueryable<RepairStatusUpdate> RepairUpdates =>
            from r in MonthRepairs
            join u in Db.RepairUpdates on r.RepairNo equals u.RepairNo
            where u.At <= AsOf
            select new RepairStatusUpdate { RepairNo = u.RepairNo, At = u.At };

        public IEnumerable<IQueryable> All => [Tickets, ForbiddenPhraseTexts, Repairs, Visits, Callbacks, Quotes, Complaints, RepairUpdates];

        /// <summary><c>solution contains p₁ or notes contains p₁ or …</c> over the phrases (false when there are none).</summary>
        private static Expression<Func<Ticket, bool>> ContainsAny(IReadOnlyList<string> phrases)
        {
            var ticket = Expression.Parameter(typeof(Ticket), "t");
            Expression any = Expression.Constant(false);
            foreach (var phrase in phrases)
            {
                // A lambda per phrase so EF sends each one as a parameter, not as literal SQL.
                Expression<Func<Ticket, bool>> test = t => t.Solution!.Contains(phrase) || t.Notes!.Contains(phrase);
                any = Expression.OrElse(any, new Rebind(test.Parameters[0], ticket).Visit(test.Body));
            }

            return Expression.Lambda<Func<Ticket, bool>>(any, ticket);
        }

        private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
        {
            protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
        }
    }

    // What the loaders read of linked records, beside the snapshots: the tickets other records name, the callbacks of the
    // month's tickets and visits, the repairs' status updates, CS-1b's few texts. Value types, read by name like the snapshots.

    /// <summary>What other records need of the ticket they name.</summary>
    internal readonly record struct LinkedTicket
    {
        public required string TicketNo { get; init; }
        public Origin? Origin { get; init; }
        public ServiceType? ServiceType { get; init; }
        public string? Staff { get; init; }
        public string? Model { get; init; }
        public bool? Vip { get; init; }
    }

    /// <summary>A callback of a ticket (CS-3d, CS-7a, CS-7b, OS-2d): <see cref="LinkedCallback"/> with the ticket it belongs to.</summary>
    internal readonly record struct TicketCallback
    {
        public required string TicketNo { get; init; }
        public required string CallbackNo { get; init; }
        public required DateTime At { get; init; }
        public CallbackMethod? Method { get; init; }
        public bool Reached { get; init; }
    }

    /// <summary>A repair's status update (CS-4c).</summary>
    internal readonly record struct RepairStatusUpdate
    {
        public required string RepairNo { get; init; }
        public required DateTime At { get; init; }
    }

    /// <summary>CS-1b: the texts of a ticket that contains a forbidden phrase.</summary>
    internal sealed record TicketText(string TicketNo, string? Solution, string? Notes);
}
