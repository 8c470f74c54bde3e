using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Entities;

namespace ServiceInsights.Tools.SeedData;

public sealed partial class SeedDataGenerator
{
    /// <summary>The last date of the holiday data the seed was made with; planned dates never go past it, so a later
    /// year (unknown, or shipped after the seed was committed) cannot change the seed.</summary>
    private static readonly DateOnly CalendarEnd = new(2026, 12, 31);

    private int _importedRepairs;

    // ---- returned items: CS-4a/b/c --------------------------------------------------------------------------------

    private void CreateRepairs()
    {
        var sloppy = new Dictionary<Repair, bool>();
        foreach (var draft in _drafts.Where(d => d.Type == ServiceType.ReturnRepair))
        {
            var arrival = ItemArrival(draft.PlanAt);
            if (arrival > AsOf)
            {
                continue; // the customer has not shipped it yet, or it is still on the way
            }

            var repair = NewRepair(draft, arrival);
            draft.Repair = repair;
            _repairs.Add(repair);
            sloppy[repair] = Chance(0.25);
        }

        // Numbered now: the status updates carry the repair number.
        var numbered = Numbered(_repairs, r => r.ReceivedAt, "WX", 2, (r, no) => r.RepairNo = no);
        _repairs.Clear();
        _repairs.AddRange(numbered);
        foreach (var repair in _repairs)
        {
            AddStatusUpdates(repair, sloppy[repair]);
        }
    }

    /// <summary>When the courier delivers: mostly in business hours, some after 17:30, over lunch or on a non-working day.</summary>
    private DateTime ItemArrival(DateTime planAt)
    {
        var day = DateOf(planAt).AddDays(Between(2, 6));
        var roll = _random.NextDouble();
        if (roll < 0.78)
        {
            return BusinessMomentOn(_calendar.ThisOrNextWorkingDay(day), 9, 17.2);
        }

        if (roll < 0.88)
        {
            return _calendar.ThisOrNextWorkingDay(day).ToDateTime(TimeOnly.MinValue).AddMinutes(Between(17 * 60 + 35, 19 * 60 + 30));
        }

        if (roll < 0.95)
        {
            while (_calendar.IsWorkingDay(day))
            {
                day = day.AddDays(1);
            }

            return day.ToDateTime(TimeOnly.MinValue).AddMinutes(Between(10 * 60, 16 * 60));
        }

        return _calendar.ThisOrNextWorkingDay(day).ToDateTime(TimeOnly.MinValue).AddMinutes(Between(12 * 60 + 5, 12 * 60 + 55));
    }

    private Repair NewRepair(Draft draft, DateTime arrival)
    {
        var repair = new Repair { TicketNo = draft.Ticket.TicketNo, ReceivedAt = arrival };
        repair.CsNotifiedAt = Chance(0.95) ? _calendar.AddBusinessMinutes(arrival, Between(3, 40)) : null;

        // CS-4a: ordered and handed to quality-tech by the end of the arrival's working day — most of the time.
        var deadline = _calendar.SameDayDeadline(arrival);
        var start = _calendar.StartOfBusiness(arrival);
        var window = (int)_calendar.BusinessMinutes(start, deadline); // whole minutes: every seed time is on the minute
        var sameDayOrder = Chance(0.86);
        DateTime ordered;
        if (sameDayOrder)
        {
            var latest = Math.Max(1, Math.Min(180, window - 8));
            ordered = _calendar.AddBusinessMinutes(start, Between(Math.Min(5, latest), latest));
        }
        else
        {
            ordered = _calendar.AddBusinessMinutes(deadline, Between(30, 400));
        }

        DateTime handed;
        if (sameDayOrder && Chance(0.9))
        {
            var left = (int)_calendar.BusinessMinutes(ordered, deadline);
            handed = left <= 0 ? ordered : _calendar.AddBusinessMinutes(ordered, Between(Math.Min(3, left), Math.Min(120, left)));
        }
        else
        {
            handed = _calendar.AddBusinessMinutes(ordered > deadline ? ordered : deadline, Between(20, 420));
        }

        repair.OrderedAt = Chance(0.015) ? null : Clip(ordered);
        repair.HandedOverAt = Chance(0.015) ? null : Clip(handed);

        // CS-4b: self-made ≤ 5 working days, purchased ≤ 10, imported by the agreed date.
        var received = DateOf(arrival);
        int days;
        switch (draft.Device.Product.Origin)
        {
            case Origin.SelfMade:
                days = Chance(0.82) ? PickWeighted<int>([1, 2, 3, 4, 5], d => d is 1 or 5 ? 1 : 3) : Between(6, 10);
                break;
            case Origin.Purchased:
                days = Chance(0.8) ? Between(3, 10) : Between(11, 16);
                break;
            default:
                // Imported: few enough that the cases take turns — due date kept, kept, missed, never agreed.
                var turn = _importedRepairs++ % 4;
                if (turn < 3)
                {
                    var lead = Between(12, 25);
                    repair.AgreedDueDate = AddWorkingDaysWithinCalendar(received, lead);
                    days = turn < 2 ? Between(8, lead) : lead + Between(1, 6);
                }
                else
                {
                    days = Between(10, 25);
                }

                break;
        }

        var repairedDay = AddWorkingDaysWithinCalendar(received, days);
        var repaired = BusinessMomentOn(repairedDay, 9.5, 17.25);
        if (repaired <= handed.AddMinutes(60))
        {
            repaired = _calendar.AddBusinessMinutes(handed, Between(60, 200));
        }

        var shipped = repaired.Hour < 16 && Chance(0.65)
            ? repaired.AddMinutes(Between(30, 90))
            : BusinessMomentOn(_calendar.NextWorkingDay(DateOf(repaired)), 9.5, 17);
        repair.RepairedAt = Clip(repaired);
        repair.ShippedAt = repair.RepairedAt is null ? null : Clip(shipped);
        if (repair.RepairedAt is not null || (repair.HandedOverAt is not null && Chance(0.4)))
        {
            repair.FaultCause = Chance(0.75) ? draft.Issue.FaultCause : Pick(SeedTexts.FaultCausesGeneral);
        }

        return repair;
    }

    /// <summary><see cref="WorkingCalendar.AddWorkingDays"/>, but not past <see cref="CalendarEnd"/> (a working day).</summary>
    private DateOnly AddWorkingDaysWithinCalendar(DateOnly from, int days)
    {
        var date = _calendar.AddWorkingDays(from, days);
        return date < CalendarEnd ? date : CalendarEnd;
    }

    /// <summary>CS-4c: a status confirmation on most working days while the item is in the factory; a quarter of the
    /// repairs are followed up sloppily and leave gaps.</summary>
    private void AddStatusUpdates(Repair repair, bool sloppy)
    {
        var times = new HashSet<DateTime>();
        var received = DateOf(repair.ReceivedAt);
        var last = DateOf(repair.RepairedAt ?? AsOf);
        var span = Math.Max(1, _calendar.WorkingDaysBetween(received, last));
        if (_calendar.IsBusinessTime(repair.ReceivedAt) && Chance(0.3))
        {
            AddUpdate(repair, times, repair.ReceivedAt.AddMinutes(Between(10, 50)), "已收件，待检测");
        }

        var index = 0;
        for (var day = _calendar.NextWorkingDay(received); day <= last; day = _calendar.NextWorkingDay(day))
        {
            index++;
            if (!Chance(sloppy ? 0.55 : 0.85))
            {
                continue;
            }

            var at = BusinessMomentOn(day, 9, 17.25);
            if (at > AsOf)
            {
                break;
            }

            var progress = (double)index / span;
            string? note = day == DateOf(repair.RepairedAt ?? DateTime.MaxValue) ? "维修完成，老化测试中"
                : progress < 0.35 ? Pick<string>(["检测中", "故障已确认，等待配件", "品质技术部复检中"])
                : progress < 0.85 ? Pick<string>(["配件已到，维修中", "维修中，预计明天完成", "已与客户确认维修进度"])
                : Pick<string>(["维修完成，老化测试中", "老化测试通过，待寄回"]);
            AddUpdate(repair, times, at, Chance(0.12) ? null : note);
        }
    }

    private void AddUpdate(Repair repair, HashSet<DateTime> times, DateTime at, string? note)
    {
        if (!times.Add(at))
        {
            return;
        }

        var method = _random.NextDouble() switch
        {
            < 0.55 => RepairUpdateMethod.Email,
            < 0.80 => RepairUpdateMethod.InPerson,
            _ => RepairUpdateMethod.Phone,
        };
        _repairUpdates.Add(new RepairUpdate { RepairNo = repair.RepairNo, At = at, Method = method, Notes = note });
    }
}
