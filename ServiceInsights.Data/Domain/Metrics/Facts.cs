using ServiceInsights.Data.Entities;

namespace ServiceInsights.Data.Domain.Metrics;

// Plain snapshots of the records the rules judge: local times, the linked records each rule needs, no EF. They are value
// types: a month's snapshots of a kind sit in one array, which the collector neither copies from generation to generation
// nor traces object by object (a month of the 1M-ticket bench database is about 300,000 of them; decision 018).

/// <summary>What a verdict row shows of its record: key, staff, product model, VIP.</summary>
public interface IRecordFacts
{
    string Key { get; }

    string? Staff { get; }

    string? Model { get; }

    bool Vip { get; }
}

/// <summary>A callback linked to a ticket by ticket no. (CS-3d, CS-7a, CS-7b, OS-2d).</summary>
public readonly record struct LinkedCallback(string CallbackNo, DateTime At, CallbackMethod? Method, bool Reached);

/// <summary>
/// CS-2's required ticket fields. The loader computes which are blank in SQL, so the long texts (problem, solution) never
/// leave the database for this check.
/// </summary>
[Flags]
public enum RequiredTicketFields
{
    None = 0,
    Customer = 1,
    Address = 2,
    Contact = 4,
    Phone = 8,
    ProductName = 16,
    Model = 32,
    SerialNo = 64,
    PurchaseDate = 128,
    Problem = 256,
    Solution = 512,
}

/// <summary>The ticket text a forbidden phrase was found in (CS-1b).</summary>
public enum TicketTextField { Solution, Notes }

/// <summary>A forbidden phrase (setting) found in a ticket's solution or notes (CS-1b).</summary>
public sealed record ForbiddenPhraseHit(string Phrase, TicketTextField Field)
{
    /// <summary>
    /// The phrases found, in settings order, solution before notes (ordinal search). The loader asks the database which
    /// tickets contain any phrase and runs this only on those few, so the month's long texts stay in the database.
    /// </summary>
    public static IReadOnlyList<ForbiddenPhraseHit> Find(string? solution, string? notes, IReadOnlyList<string> phrases)
    {
        List<ForbiddenPhraseHit>? hits = null;
        foreach (var phrase in phrases)
        {
            if (solution?.Contains(phrase, StringComparison.Ordinal) == true)
            {
                (hits ??= []).Add(new(phrase, TicketTextField.Solution));
            }

            if (notes?.Contains(phrase, StringComparison.Ordinal) == true)
            {
                (hits ??= []).Add(new(phrase, TicketTextField.Notes));
            }
        }

        return hits ?? [];
    }
}

/// <summary>
/// A ticket (服务工单) with the callbacks linked to it; times local. Only what the rules read: the long texts are reduced
/// to CS-2's blank fields and CS-1b's phrase hits.
/// </summary>
public readonly record struct TicketFacts : IRecordFacts
{
    public TicketFacts()
    {
    }

    public required string TicketNo { get; init; }
    public required DateTime ReceivedAt { get; init; }
    public bool Vip { get; init; }
    public string? ProductName { get; init; }
    public string? Model { get; init; }
    public Origin? Origin { get; init; }
    public ServiceType? ServiceType { get; init; }
    public string? Staff { get; init; }
    public DateTime? SmsConfirmedAt { get; init; }
    public DateTime? FirstResponseAt { get; init; }
    public DateTime? PromisedBy { get; init; }
    public DateTime? SatisfactoryReplyAt { get; init; }
    public DateTime? ResolvedAt { get; init; }

    /// <summary>CS-2: the required fields that are empty (null or white space).</summary>
    public RequiredTicketFields MissingFields { get; init; }

    /// <summary>CS-1b: the forbidden phrases in the solution and notes.</summary>
    public IReadOnlyList<ForbiddenPhraseHit> ForbiddenPhraseHits { get; init; } = [];

    public IReadOnlyList<LinkedCallback> Callbacks { get; init; } = [];

    public string Key => TicketNo;
}

/// <summary>A returned item (返厂维修) with its ticket's origin, staff, model and VIP flag and its status updates.</summary>
public readonly record struct RepairFacts : IRecordFacts
{
    public RepairFacts()
    {
    }

    public required string RepairNo { get; init; }
    public string? TicketNo { get; init; }
    public required DateTime ReceivedAt { get; init; }
    public DateTime? OrderedAt { get; init; }
    public DateTime? HandedOverAt { get; init; }
    public DateTime? RepairedAt { get; init; }
    public DateOnly? AgreedDueDate { get; init; }

    /// <summary>From the linked ticket; null when the ticket is missing or does not say.</summary>
    public Origin? Origin { get; init; }

    public string? Staff { get; init; }
    public string? Model { get; init; }
    public bool Vip { get; init; }

    /// <summary>维修进度: the times the repair's status was confirmed (CS-4c).</summary>
    public IReadOnlyList<DateTime> StatusUpdates { get; init; } = [];

    public string Key => RepairNo;
}

/// <summary>
/// CS-4c counts working days of a repair: one day d of one repair, with what the rule and a verdict row read of the repair
/// (not the whole repair: a month's repairs have tens of thousands of such days).
/// </summary>
public readonly record struct RepairDayFacts(string RepairNo, string? Staff, string? Model, bool Vip, IReadOnlyList<DateTime> StatusUpdates, DateOnly Day)
    : IRecordFacts
{
    public string Key => $"{RepairNo} {Words.Date(Day)}";

    /// <summary>The working days d of a repair with date(received) &lt; d ≤ date(repaired, or as-of while open).</summary>
    public static RepairDayFacts[] Of(RepairFacts repair, MetricContext context) => Of([repair], context);

    /// <summary>
    /// The working days of every repair, repair by repair, counted first and then made straight into one array of exactly
    /// their number (a month has tens of thousands), with no iterator per repair and no array builder's scratch buffers.
    /// </summary>
    public static RepairDayFacts[] Of(IReadOnlyList<RepairFacts> repairs, MetricContext context)
    {
        var count = 0;
        for (var i = 0; i < repairs.Count; i++)
        {
            var (received, last) = Span(repairs[i], context);
            count += context.Calendar.WorkingDaysBetween(received, last);
        }

        var days = new RepairDayFacts[count];
        var next = 0;
        for (var i = 0; i < repairs.Count; i++)
        {
            var repair = repairs[i];
            var (received, last) = Span(repair, context);
            for (var day = received.AddDays(1); day <= last; day = day.AddDays(1))
            {
                if (context.Calendar.IsWorkingDay(day))
                {
                    days[next++] = new RepairDayFacts(repair.RepairNo, repair.Staff, repair.Model, repair.Vip, repair.StatusUpdates, day);
                }
            }
        }

        return days;
    }

    /// <summary>A repair's days lie after the date received, up to the date repaired (as-of while open).</summary>
    private static (DateOnly Received, DateOnly Last) Span(in RepairFacts repair, MetricContext context) =>
        (DateOnly.FromDateTime(repair.ReceivedAt), repair.RepairedAt is { } repaired ? DateOnly.FromDateTime(repaired) : context.AsOfDate);
}

/// <summary>A site visit (上门服务) with its ticket's service type, model, VIP flag and linked callbacks.</summary>
public readonly record struct VisitFacts : IRecordFacts
{
    public VisitFacts()
    {
    }

    public required string DispatchNo { get; init; }
    public string? TicketNo { get; init; }
    public DispatchSource? Source { get; init; }
    public required DateTime OrderedAt { get; init; }
    public DateTime? DirectorSignedAt { get; init; }
    public DateTime? AppointmentAt { get; init; }
    public bool? RescheduledWithNotice { get; init; }
    public DateTime? ArrivedAt { get; init; }
    public DateTime? CompletedAt { get; init; }
    public bool? FormFiled { get; init; }
    public int? SurveyScore { get; init; }
    public string? Engineer { get; init; }

    /// <summary>From the linked ticket (CS-5 counts on-site repairs only).</summary>
    public ServiceType? TicketServiceType { get; init; }

    public string? Model { get; init; }
    public bool Vip { get; init; }
    public IReadOnlyList<LinkedCallback> Callbacks { get; init; } = [];

    public string Key => DispatchNo;
    public string? Staff => Engineer;
}

/// <summary>A callback (回访记录) judged for completeness (CS-7c).</summary>
public readonly record struct CallbackFacts : IRecordFacts
{
    public CallbackFacts()
    {
    }

    public required string CallbackNo { get; init; }
    public string? TicketNo { get; init; }
    public required DateTime At { get; init; }
    public CallbackMethod? Method { get; init; }
    public bool Reached { get; init; } = true;
    public bool? Solved { get; init; }
    public bool? RunningNormally { get; init; }
    public int? Satisfaction { get; init; }
    public string? Staff { get; init; }
    public string? Model { get; init; }
    public bool Vip { get; init; }

    public string Key => CallbackNo;
}

/// <summary>An earlier complaint that may make a complaint a repeat (CP-1).</summary>
public sealed record PriorComplaint(string ComplaintNo, string? Customer, DateTime ReceivedAt);

/// <summary>A complaint (客户投诉) with the complaints that could make it a repeat (CP-1).</summary>
public readonly record struct ComplaintFacts : IRecordFacts
{
    public ComplaintFacts()
    {
    }

    public required string ComplaintNo { get; init; }
    public string? TicketNo { get; init; }
    public string? Customer { get; init; }
    public required DateTime ReceivedAt { get; init; }
    public ComplaintSource? Source { get; init; }
    public DateTime? SalesFeedbackAt { get; init; }
    public bool? ThreatensExternal { get; init; }
    public bool? Media { get; init; }
    public DateTime? PromisedBy { get; init; }
    public string? Measures { get; init; }
    public DateTime? ManagerInformedAt { get; init; }
    public DateTime? LeaderInformedAt { get; init; }
    public DateTime? ResultNotifiedAt { get; init; }
    public int? Satisfaction { get; init; }
    public string? RootCause { get; init; }
    public string? CorrectiveAction { get; init; }
    public string? Responsible { get; init; }
    public DateTime? ClosedAt { get; init; }
    public bool? CaseStudyWritten { get; init; }
    public string? Staff { get; init; }
    public string? Model { get; init; }
    public bool Vip { get; init; }

    /// <summary>Other complaints received before this one (any customer; the classifier matches the trimmed name).</summary>
    public IReadOnlyList<PriorComplaint> Earlier { get; init; } = [];

    public string Key => ComplaintNo;
}

/// <summary>A quote (报价) (CS-6), with its ticket's staff, model and VIP flag.</summary>
public readonly record struct QuoteFacts : IRecordFacts
{
    public QuoteFacts()
    {
    }

    public required string QuoteNo { get; init; }
    public string? TicketNo { get; init; }
    public required DateTime QuotedAt { get; init; }
    public QuoteBasis? FirstQuoted { get; init; }
    public bool? NoInvoiceRequested { get; init; }
    public string? Staff { get; init; }
    public string? Model { get; init; }
    public bool Vip { get; init; }

    public string Key => QuoteNo;
}
