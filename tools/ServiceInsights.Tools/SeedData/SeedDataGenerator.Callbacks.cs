using ServiceInsights.Data.Entities;

namespace ServiceInsights.Tools.SeedData;

public sealed partial class SeedDataGenerator
{
    // ---- callbacks: CS-3d, CS-7a/b/c, OS-2d ------------------------------------------------------------------------

    private void CreateCallbacks()
    {
        var resolved = _drafts.Where(d => d.Ticket.ResolvedAt is not null).OrderBy(d => d.Ticket.ResolvedAt).ToList();
        foreach (var draft in resolved)
        {
            var t = draft.Ticket;
            var at = t.ResolvedAt!.Value;
            var key = SeedCatalog.IsKeyProduct(t.ProductName, t.Model);
            var visited = draft.Visit?.CompletedAt is not null;
            if (Chance(visited ? 0.85 : key ? 0.45 : 0.08))
            {
                AddCallback(draft.Ticket, CallbackMethod.Phone, PhoneCallbackTime(at));
            }

            if (Chance(0.3))
            {
                AddCallback(draft.Ticket, CallbackMethod.SmsWeekly, WeeklyBatch(at));
            }
            else if (Chance(0.2))
            {
                AddCallback(draft.Ticket, CallbackMethod.SmsMonthly, MonthlyBatch(at));
            }
        }

        // The monthly SMS survey also reaches instruments that had no ticket: no ticket number on these.
        for (var i = 0; i < 12; i++)
        {
            var customer = SeedCatalog.Customers[(i * 7 + 3) % SeedCatalog.Customers.Count];
            var device = Pick(_devices[customer]);
            var monthStart = _options.From.AddMonths(i).ToDateTime(TimeOnly.MinValue);
            var general = new Ticket { Customer = customer.Name, ProductName = device.Product.Name, Model = device.Product.Model, Staff = Pick(SeedCatalog.Staff) };
            AddCallback(general, CallbackMethod.SmsMonthly, MonthlyBatch(monthStart), linked: false);
        }
    }

    /// <summary>CS-3d: a phone call within a week of resolution, usually; late ones come 8–30 days after.</summary>
    private DateTime PhoneCallbackTime(DateTime resolved)
    {
        var deadline = resolved.AddDays(7);
        if (Chance(0.82))
        {
            var days = new List<DateOnly>();
            for (var d = DateOf(resolved).AddDays(1); d <= DateOf(deadline); d = d.AddDays(1))
            {
                if (_calendar.IsWorkingDay(d))
                {
                    days.Add(d);
                }
            }

            // Two tries for a moment inside the week (the last day only up to the resolution's time of day).
            for (var attempt = 0; attempt < 2 && days.Count > 0; attempt++)
            {
                var at = BusinessMomentOn(days[Math.Min(_random.Next(days.Count), _random.Next(days.Count))]);
                if (at <= deadline)
                {
                    return at;
                }
            }
        }

        return BusinessMomentOn(_calendar.ThisOrNextWorkingDay(DateOf(resolved).AddDays(Between(8, 30))));
    }

    /// <summary>CS-7a weekly SMS: sent in a batch on the last working day of the week after the resolution.</summary>
    private DateTime WeeklyBatch(DateTime resolved)
    {
        var day = DateOf(resolved);
        while (true)
        {
            var weekEnd = day.AddDays((7 - (int)day.DayOfWeek) % 7);
            var last = weekEnd;
            while (last >= day && !_calendar.IsWorkingDay(last))
            {
                last = last.AddDays(-1);
            }

            if (last >= day)
            {
                var at = last.ToDateTime(TimeOnly.MinValue).AddMinutes(Between(16 * 60, 17 * 60 + 20));
                if (at > resolved)
                {
                    return at;
                }
            }

            day = weekEnd.AddDays(1);
        }
    }

    /// <summary>CS-7a monthly SMS: sent on the last working day of the month after the resolution.</summary>
    private DateTime MonthlyBatch(DateTime resolved)
    {
        var month = new DateOnly(resolved.Year, resolved.Month, 1);
        while (true)
        {
            var last = month.AddMonths(1).AddDays(-1);
            while (!_calendar.IsWorkingDay(last))
            {
                last = last.AddDays(-1);
            }

            var at = last.ToDateTime(TimeOnly.MinValue).AddMinutes(Between(15 * 60, 17 * 60 + 20));
            if (at > resolved)
            {
                return at;
            }

            month = month.AddMonths(1);
        }
    }

    private void AddCallback(Ticket ticket, CallbackMethod method, DateTime at, bool linked = true)
    {
        if (at > AsOf)
        {
            return;
        }

        var callback = new Callback
        {
            TicketNo = linked ? ticket.TicketNo : null,
            Customer = ticket.Customer,
            ProductName = ticket.ProductName,
            Model = ticket.Model,
            Method = method,
            At = at,
            Staff = Chance(0.85) ? ticket.Staff : Pick(SeedCatalog.Staff),
        };
        _callbacks.Add(callback);

        // 是否接通: an unanswered call, or an SMS without a reply.
        callback.Reached = Chance(method == CallbackMethod.Phone ? 0.92 : 0.78);
        if (!callback.Reached)
        {
            callback.Notes = method == CallbackMethod.Phone ? Pick(SeedTexts.CallbackUnreachedNotes.Take(4).ToList()) : "客户未回复短信";
            return;
        }

        var solved = Chance(0.94);
        callback.Solved = solved;
        callback.RunningNormally = solved ? Chance(0.97) : Chance(0.4);
        callback.Satisfaction = solved
            ? PickWeighted<int>([5, 4, 3, 2], s => s switch { 5 => 58, 4 => 33, 3 => 7, _ => 2 })
            : PickWeighted<int>([4, 3, 2, 1], s => s switch { 4 => 20, 3 => 40, 2 => 30, _ => 10 });

        // CS-7c: a few callbacks leave a question unanswered.
        if (Chance(0.05))
        {
            switch (Between(0, 2))
            {
                case 0: callback.Solved = null; break;
                case 1: callback.RunningNormally = null; break;
                default: callback.Satisfaction = null; break;
            }
        }

        callback.OtherNeeds = Chance(0.09) ? Pick(SeedTexts.CallbackOtherNeeds) : null;
        callback.Notes = Chance(0.25) ? Pick(SeedTexts.CallbackNotes) : null;
    }
}
