using ServiceInsights.Data.Entities;
using static System.FormattableString;

namespace ServiceInsights.Tools.SeedData;

public sealed partial class SeedDataGenerator
{
    private static readonly int[] StaffWeights = [10, 10, 10, 9, 9, 9, 8, 8, 8, 7, 6, 6];
    private static readonly IReadOnlyList<int> StaffIndexes = [.. Enumerable.Range(0, StaffWeights.Length)];

    private readonly HashSet<Draft> _scenarioTickets = [];

    // ---- tickets: who called, when, about what ---------------------------------------------------------------------

    private void CreateTickets()
    {
        for (var day = _options.From; day <= _options.To; day = day.AddDays(1))
        {
            var working = _calendar.IsWorkingDay(day);
            var count = TicketCountOn(day, working);
            var times = Enumerable.Range(0, count).Select(_ => ReceivedTimeOn(day, working)).Order().ToList();
            for (var i = 0; i < times.Count; i++)
            {
                _drafts.Add(NewTicket(Invariant($"GD{day:yyyyMMdd}{i + 1:00}"), times[i]));
            }
        }
    }

    /// <summary>About 10–15 calls a working day, more in the spring–summer pest season, fewer on make-up Saturdays; a
    /// few on weekends and holidays.</summary>
    private int TicketCountOn(DateOnly day, bool working)
    {
        if (!working)
        {
            return _calendar.IsHoliday(day) ? Between(0, 1) : Between(0, 2);
        }

        if (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            return Between(5, 9);
        }

        return day.Month switch
        {
            12 or 1 or 2 => Between(9, 12),
            >= 3 and <= 9 => Between(11, 14),
            _ => Between(10, 13),
        };
    }

    /// <summary>Working days: mostly within 08:30–12:00 / 13:00–17:30, some before opening, over lunch or in the evening.
    /// Other days: any time in the daytime.</summary>
    private DateTime ReceivedTimeOn(DateOnly day, bool working)
    {
        var midnight = day.ToDateTime(TimeOnly.MinValue);
        if (!working)
        {
            return midnight.AddMinutes(Between(8 * 60, 20 * 60 - 1));
        }

        var roll = _random.NextDouble();
        var minute = roll switch
        {
            < 0.40 => Between(8 * 60 + 30, 11 * 60 + 59),
            < 0.90 => Between(13 * 60, 17 * 60 + 29),
            < 0.93 => Between(7 * 60 + 40, 8 * 60 + 29),
            < 0.96 => Between(12 * 60, 12 * 60 + 59),
            _ => Between(17 * 60 + 30, 20 * 60 + 59),
        };
        return midnight.AddMinutes(minute);
    }

    private Draft NewTicket(string number, DateTime received)
    {
        var customer = PickWeighted(SeedCatalog.Customers, c => c.Weight);
        var type = RollServiceType();
        var day = DateOf(received);
        Device device;
        if (type == ServiceType.Installation)
        {
            var index = IndexOf(customer);
            var installable = SeedCatalog.Products.Where(p => !p.Portable).ToList();
            device = NewDevice(customer, PickWeighted(installable, p => ProductWeight(p, index)), day.AddDays(-Between(3, 30)));
            _devices[customer].Add(device);
        }
        else
        {
            device = Pick(_devices[customer].Where(d => d.PurchaseDate < day).ToList());
            if (type == ServiceType.OnsiteRepair && device.Product.Portable)
            {
                type = ServiceType.ReturnRepair;
            }
        }

        var issue = Pick(SeedTexts.Issues[device.Product.Family]);
        var (contact, phone) = Pick(_contacts[customer]);
        var ticket = new Ticket
        {
            TicketNo = number,
            ReceivedAt = received,
            Channel = RollChannel(type),
            Customer = customer.Name,
            Address = customer.Address,
            Contact = contact,
            Phone = phone,
            Vip = customer.Vip ? true : Chance(0.6) ? false : null,
            ProductName = device.Product.Name,
            Model = device.Product.Model,
            SerialNo = device.SerialNo,
            PurchaseDate = device.PurchaseDate,
            Origin = device.Product.Origin,
            ServiceType = type,
            Problem = type switch
            {
                ServiceType.Installation => Pick(SeedTexts.InstallationProblems),
                ServiceType.Quote => Pick(SeedTexts.QuoteProblems),
                _ => issue.Problem,
            },
            Staff = SeedCatalog.Staff[PickWeighted(StaffIndexes, i => StaffWeights[i])],
        };

        if (Chance(0.015))
        {
            ticket.Problem += "\n（客户补充：雷雨天气后出现，已持续两天）";
        }

        ticket.Notes = _random.NextDouble() switch
        {
            < 0.10 => Pick(SeedTexts.TicketNotes),
            < 0.11 => "客户要求: 先报价, 再决定是否寄修",
            < 0.115 => "客户原话:\"平台又掉线了\"，情绪较急",
            _ => null,
        };

        if (Chance(0.04))
        {
            LeaveOutARequiredField(ticket);
        }

        return new Draft(ticket, customer, device, issue);
    }

    private static int IndexOf(SeedCustomer customer)
    {
        for (var i = 0; i < SeedCatalog.Customers.Count; i++)
        {
            if (ReferenceEquals(SeedCatalog.Customers[i], customer))
            {
                return i;
            }
        }

        return -1;
    }

    private ServiceType RollServiceType() => _random.NextDouble() switch
    {
        < 0.135 => ServiceType.ReturnRepair,
        < 0.170 => ServiceType.OnsiteRepair,
        < 0.187 => ServiceType.Installation,
        < 0.240 => ServiceType.Quote,
        _ => ServiceType.Consult,
    };

    private Channel RollChannel(ServiceType type)
    {
        if (type == ServiceType.Installation)
        {
            return Chance(0.8) ? Channel.SalesRelay : Channel.Phone;
        }

        return _random.NextDouble() switch
        {
            < 0.78 => Channel.Phone,
            < 0.87 => Channel.SalesRelay,
            < 0.93 => Channel.Sms,
            < 0.96 => Channel.WalkIn,
            _ => Channel.Other,
        };
    }

    /// <summary>CS-2: a few tickets miss one of the fields the standard requires.</summary>
    private void LeaveOutARequiredField(Ticket ticket)
    {
        switch (Between(0, 5))
        {
            case 0: ticket.Address = null; break;
            case 1: ticket.Contact = null; break;
            case 2: ticket.Phone = null; break;
            case 3: ticket.SerialNo = null; break;
            case 4: ticket.PurchaseDate = null; break;
            default: ticket.Model = null; break;
        }
    }

    // ---- replies: CS-1a, CS-3a/b/c ----------------------------------------------------------------------------------

    private void PlanReplies()
    {
        foreach (var draft in _drafts)
        {
            var t = draft.Ticket;
            var answerable = _calendar.IsBusinessTime(t.ReceivedAt);
            PlanReply(draft, atOnce: draft.Type == ServiceType.Consult && answerable && Chance(0.45));
        }
    }

    /// <summary>
    /// Sets the SMS confirmation, first response, satisfactory reply and promised-by time. Offsets are business minutes
    /// from receipt (CS-3a: ≤ 60, VIP ≤ 30; CS-3b: ≤ 480, VIP ≤ 240); a question answered at once has no first response.
    /// </summary>
    private void PlanReply(Draft draft, int? firstResponse = null, int? satisfactory = null, bool atOnce = false, bool? promise = null)
    {
        var t = draft.Ticket;
        var vip = t.Vip == true;
        t.SmsConfirmedAt = Chance(0.93) ? _calendar.AddBusinessMinutes(t.ReceivedAt, Between(1, 25)) : null;
        int replyMinutes;
        if (atOnce)
        {
            t.FirstResponseAt = null;
            replyMinutes = Between(2, 12);
        }
        else
        {
            var first = firstResponse ?? RollFirstResponse(vip);
            replyMinutes = satisfactory ?? Math.Max(first + Between(5, 30), RollSatisfactoryReply(vip));
            t.FirstResponseAt = _calendar.AddBusinessMinutes(t.ReceivedAt, first);
        }

        t.SatisfactoryReplyAt = _calendar.AddBusinessMinutes(t.ReceivedAt, replyMinutes);

        // CS-3c: a reply that is not immediate states when the customer will hear back.
        var needsPromise = t.SatisfactoryReplyAt.Value > t.ReceivedAt.AddMinutes(15);
        t.PromisedBy = needsPromise && (promise ?? Chance(0.9))
            ? RoundUpToHalfHour(_calendar.AddBusinessMinutes(t.ReceivedAt, replyMinutes + Between(0, 120)))
            : null;
    }

    private int RollFirstResponse(bool vip)
    {
        var roll = _random.NextDouble();
        return vip
            ? roll switch { < 0.78 => Between(3, 30), < 0.90 => Between(31, 60), _ => Between(61, 180) }
            : roll switch { < 0.70 => Between(3, 45), < 0.86 => Between(46, 60), _ => Between(61, 240) };
    }

    private int RollSatisfactoryReply(bool vip)
    {
        var roll = _random.NextDouble();
        return vip
            ? roll switch { < 0.76 => Between(15, 240), < 0.90 => Between(241, 480), _ => Between(481, 1350) }
            : roll switch { < 0.84 => Between(15, 480), _ => Between(481, 1800) };
    }

    private static DateTime RoundUpToHalfHour(DateTime at)
    {
        var extra = (30 - at.Minute % 30) % 30;
        return at.AddMinutes(extra);
    }

    // ---- named ticket scenarios -------------------------------------------------------------------------------------

    /// <summary>Tickets placed exactly on and just past each reply deadline, missing promises, forbidden phrases.</summary>
    private void ApplyTicketScenarios()
    {
        // CS-3a: VIP 30 is met, 31 and 45 are not (45 would be met by a non-VIP); non-VIP 60 is met, 61 is not.
        PlanReply(Scenario(month: 1, vip: true), firstResponse: 30, satisfactory: 120);
        PlanReply(Scenario(month: 3, vip: true), firstResponse: 31, satisfactory: 150);
        PlanReply(Scenario(month: 4, vip: true), firstResponse: 45, satisfactory: 200);
        PlanReply(Scenario(month: 7, vip: true), firstResponse: 52, satisfactory: 230);
        PlanReply(Scenario(month: 5, vip: false), firstResponse: 60, satisfactory: 300);
        PlanReply(Scenario(month: 6, vip: false), firstResponse: 61, satisfactory: 300);

        // CS-3b: VIP 240 is met, 241 and 300 are not (300 would be met by a non-VIP); non-VIP 480 is met, 481 is not.
        PlanReply(Scenario(month: 2, vip: true), firstResponse: 20, satisfactory: 240);
        PlanReply(Scenario(month: 8, vip: true), firstResponse: 25, satisfactory: 241);
        PlanReply(Scenario(month: 9, vip: true), firstResponse: 15, satisfactory: 300);
        PlanReply(Scenario(month: 10, vip: false), firstResponse: 40, satisfactory: 480);
        PlanReply(Scenario(month: 11, vip: false), firstResponse: 40, satisfactory: 481);

        // CS-3c: replies well after receipt with and without a promised-by time.
        PlanReply(Scenario(month: 12, vip: false), firstResponse: 20, satisfactory: 200, promise: false);
        PlanReply(Scenario(month: 3, vip: false), firstResponse: 35, satisfactory: 700, promise: false);
        PlanReply(Scenario(month: 5, vip: true), firstResponse: 10, satisfactory: 90, promise: false);

        // CS-5 / OS-2: visits ordered in the last week and not done at the export — one on-site repair already overdue,
        // one not yet due, one installation.
        var lastWeek = _drafts.Where(d => d.Type == ServiceType.Consult
                                          && d.Ticket.ReceivedAt >= new DateTime(2026, 11, 23) && d.Ticket.ReceivedAt < new DateTime(2026, 11, 27, 11, 0, 0)
                                          && _calendar.IsBusinessTime(d.Ticket.ReceivedAt) && !d.Device.Product.Portable
                                          && !_scenarioTickets.Contains(d)).ToList();
        BecomeVisit(lastWeek[0], ServiceType.OnsiteRepair, leadDays: 5);
        BecomeVisit(lastWeek[^2], ServiceType.Installation, leadDays: 2);
        BecomeVisit(lastWeek[^1], ServiceType.OnsiteRepair, leadDays: 1);

        // CS-1b: every forbidden phrase, twice, in notes or solutions of different staff.
        var phrases = SeedTexts.ForbiddenPhraseNotes;
        for (var i = 0; i < phrases.Count * 2; i++)
        {
            var draft = Scenario(month: 1 + (i * 5 % 12), vip: i % 4 == 3, staff: SeedCatalog.Staff[(i * 5) % SeedCatalog.Staff.Count]);
            if (i % 2 == 0)
            {
                draft.Ticket.Notes = phrases[i % phrases.Count];
            }
            else
            {
                draft.ForbiddenSolution = phrases[i % phrases.Count];
            }
        }
    }

    private void BecomeVisit(Draft draft, ServiceType type, int leadDays)
    {
        _scenarioTickets.Add(draft);
        draft.Ticket.ServiceType = type;
        draft.VisitLeadDays = leadDays;
        if (type == ServiceType.Installation)
        {
            draft.Ticket.Problem = SeedTexts.InstallationProblems[^1];
            draft.Ticket.Channel = Channel.SalesRelay;
        }
    }

    /// <summary>The first unused consult ticket of a month, received in business hours on a working day.</summary>
    private Draft Scenario(int month, bool vip, string? staff = null)
    {
        var draft = _drafts.First(d => d.Type == ServiceType.Consult
                                       && d.Ticket.ReceivedAt.Month == month
                                       && (d.Ticket.Vip == true) == vip
                                       && (staff is null || d.Ticket.Staff == staff)
                                       && _calendar.IsBusinessTime(d.Ticket.ReceivedAt)
                                       && d.Ticket.ReceivedAt.Hour < 15
                                       && !_scenarioTickets.Contains(d));
        _scenarioTickets.Add(draft);
        return draft;
    }
}
