using ServiceInsights.Data.Entities;
using static System.FormattableString;

namespace ServiceInsights.Tools.SeedData;

public sealed partial class SeedDataGenerator
{
    private static readonly IReadOnlyList<TimeSpan> AppointmentTimes =
        [new(9, 0, 0), new(9, 30, 0), new(10, 0, 0), new(10, 30, 0), new(14, 0, 0), new(14, 30, 0), new(15, 0, 0)];

    // ---- site visits: CS-5, OS-1, OS-2a–c ------------------------------------------------------------------------------

    private void CreateSiteVisits()
    {
        foreach (var draft in _drafts.Where(d => d.Type is ServiceType.OnsiteRepair or ServiceType.Installation))
        {
            var sales = draft.Type == ServiceType.Installation;
            var ordered = sales
                ? _calendar.AddBusinessMinutes(draft.Ticket.ReceivedAt, Between(20, 240))
                : _calendar.AddBusinessMinutes(draft.PlanAt, Between(10, 120));
            if (ordered > AsOf)
            {
                continue;
            }

            var visit = new SiteVisit
            {
                TicketNo = draft.Ticket.TicketNo,
                Source = sales ? DispatchSource.Sales : DispatchSource.Internal,
                OrderedAt = ordered,
                Engineer = Pick(SeedCatalog.Engineers),
            };

            // OS-2a: the appointment; CS-5: on-site repair within 2 working days of the order, most of the time.
            var lead = draft.VisitLeadDays ?? (sales ? Between(1, 6) : _random.NextDouble() switch { < 0.10 => 0, < 0.55 => 1, < 0.80 => 2, _ => Between(3, 5) });
            var appointmentDay = AddWorkingDaysWithinCalendar(DateOf(ordered), lead);
            var appointment = appointmentDay.ToDateTime(TimeOnly.MinValue) + Pick(AppointmentTimes);
            if (appointment <= ordered.AddHours(2))
            {
                appointment = _calendar.NextWorkingDay(appointmentDay).ToDateTime(TimeOnly.MinValue) + Pick(AppointmentTimes);
            }

            // OS-2b: on time, or late with an apology and a new time agreed in advance, or late without notice.
            DateTime arrival;
            var roll = _random.NextDouble();
            if (roll < 0.80)
            {
                arrival = appointment.AddMinutes(Between(-25, 15));
                visit.RescheduledWithNotice = Chance(0.15) ? false : null;
            }
            else if (roll < 0.90)
            {
                visit.RescheduledWithNotice = true;
                arrival = Chance(0.5)
                    ? appointment.AddMinutes(Between(20, 150))
                    : _calendar.NextWorkingDay(DateOf(appointment)).ToDateTime(TimeOnly.MinValue) + Pick(AppointmentTimes);
            }
            else
            {
                visit.RescheduledWithNotice = roll < 0.97 ? false : null;
                arrival = appointment.AddMinutes(Between(20, 120));
            }

            if (Chance(0.93))
            {
                visit.AppointmentAt = appointment;
            }
            else
            {
                visit.RescheduledWithNotice = null;
            }

            var completed = arrival.AddMinutes(Between(60, 300));
            if (sales && Chance(0.35))
            {
                completed = BusinessMomentOn(_calendar.NextWorkingDay(DateOf(arrival)), 13, 17.2);
            }
            else if (completed.TimeOfDay > new TimeSpan(19, 0, 0))
            {
                completed = _calendar.NextWorkingDay(DateOf(arrival)).ToDateTime(new TimeOnly(11, 0));
            }

            // OS-1: a sales dispatch needs the director's sign-off before the engineer arrives.
            var signed = BusinessMomentOn(Chance(0.5) ? DateOf(ordered) : PreviousWorkingDay(DateOf(ordered)));
            if (signed >= ordered)
            {
                signed = ordered.AddMinutes(-Between(5, 60));
            }

            if (sales)
            {
                visit.DirectorSignedAt = _random.NextDouble() switch
                {
                    < 0.82 => signed,
                    < 0.91 => BusinessMomentOn(AddWorkingDaysWithinCalendar(DateOf(arrival), Between(1, 3))),
                    _ => null,
                };
            }
            else if (Chance(0.1))
            {
                visit.DirectorSignedAt = signed;
            }

            visit.DirectorSignedAt = Clip(visit.DirectorSignedAt);
            visit.ArrivedAt = Clip(arrival);
            if (visit.ArrivedAt is null)
            {
                visit.RescheduledWithNotice = null;
            }

            visit.CompletedAt = visit.ArrivedAt is null ? null : Clip(completed);
            if (visit.CompletedAt is not null)
            {
                // OS-2c: the commissioning form and the survey, usually filed before leaving.
                visit.FormFiled = Chance(0.86) ? true : Chance(0.65) ? false : null;
                visit.SurveyScore = Chance(0.9) ? PickWeighted<int>([5, 4, 3, 2, 1], s => s switch { 5 => 60, 4 => 28, 3 => 8, 2 => 3, _ => 1 }) : null;
            }

            draft.Visit = visit;
            draft.Engineer = visit.Engineer;
            _visits.Add(visit);
        }
    }

    private DateOnly PreviousWorkingDay(DateOnly date)
    {
        var day = date.AddDays(-1);
        while (!_calendar.IsWorkingDay(day))
        {
            day = day.AddDays(-1);
        }

        return day;
    }

    // ---- quotes: CS-6 ------------------------------------------------------------------------------------------------

    private void CreateQuotes()
    {
        foreach (var draft in _drafts)
        {
            DateTime at;
            decimal price;
            if (draft.Type == ServiceType.Quote)
            {
                at = _calendar.AddBusinessMinutes(draft.Ticket.ReceivedAt, Between(20, 600));
                price = draft.Ticket.Problem!.Contains("配件", StringComparison.Ordinal) || draft.Ticket.Problem.Contains("耗材", StringComparison.Ordinal)
                    ? Between(18, 680) * 10m
                    : draft.Device.Product.Price * (draft.Device.Product.Price > 100000m ? 1 : Between(1, 3));
            }
            else if (draft.Repair is { OrderedAt: { } ordered } repair
                     && draft.Device.PurchaseDate < DateOf(repair.ReceivedAt).AddYears(-1) && Chance(0.15))
            {
                // Out of warranty: the repair is quoted after inspection.
                at = _calendar.AddBusinessMinutes(ordered, Between(60, 900));
                price = Between(20, 500) * 10m + 300m;
            }
            else
            {
                continue;
            }

            if (at > AsOf)
            {
                continue;
            }

            var quote = new Quote { TicketNo = draft.Ticket.TicketNo, QuotedAt = at };
            var roll = _random.NextDouble();
            if (roll < 0.86)
            {
                quote.FirstQuoted = QuoteBasis.TaxInclusive;
                quote.PriceInclTax = price;
                quote.PriceExclTax = Chance(0.8) ? Math.Round(price / 1.13m, 2) : null;
                quote.NoInvoiceRequested = _random.NextDouble() switch { < 0.70 => false, < 0.95 => null, _ => true };
            }
            else
            {
                quote.FirstQuoted = QuoteBasis.TaxExclusive;
                quote.PriceExclTax = price;
                quote.PriceInclTax = Chance(0.6) ? Math.Round(price * 1.13m, 2) : null;
                quote.NoInvoiceRequested = roll < 0.93 ? true : Chance(0.6) ? false : null;
            }

            draft.Quote = quote;
            _quotes.Add(quote);
        }
    }

    // ---- resolution and solution text ------------------------------------------------------------------------------

    private void ResolveTickets()
    {
        var openFrom = AsOf.AddDays(-6);
        foreach (var draft in _drafts)
        {
            var t = draft.Ticket;
            var resolved = draft.Type switch
            {
                ServiceType.Consult when t.ReceivedAt >= openFrom && Chance(0.3) => null,
                ServiceType.Consult when t.SatisfactoryReplyAt is { } reply => Chance(0.95)
                    ? reply.AddMinutes(Between(0, 20))
                    : BusinessMomentOn(AddWorkingDaysWithinCalendar(DateOf(reply), Between(1, 3))),
                ServiceType.ReturnRepair => draft.Repair?.ShippedAt,
                ServiceType.OnsiteRepair or ServiceType.Installation => draft.Visit?.CompletedAt,
                ServiceType.Quote => draft.Quote?.QuotedAt.AddMinutes(Between(0, 15)),
                _ => null,
            };

            t.SmsConfirmedAt = Clip(t.SmsConfirmedAt);
            t.FirstResponseAt = Clip(t.FirstResponseAt);
            t.SatisfactoryReplyAt = Clip(t.SatisfactoryReplyAt);
            t.ResolvedAt = Clip(resolved);
            t.Solution = SolutionFor(draft);
            if (draft.ForbiddenSolution is { } phrase)
            {
                t.Solution = t.Solution is null ? phrase : t.Solution + "。" + phrase;
            }
        }
    }

    private string? SolutionFor(Draft draft)
    {
        var t = draft.Ticket;
        if (t.SatisfactoryReplyAt is null && t.FirstResponseAt is null)
        {
            return null;
        }

        return draft.Type switch
        {
            ServiceType.Consult => t.ResolvedAt is not null ? draft.Issue.RemoteSolution : Chance(0.5) ? null : "已远程排查，待进一步确认",
            ServiceType.ReturnRepair => Pick(SeedTexts.ReturnRepairPlans) + draft.Repair switch
            {
                { RepairedAt: not null, ShippedAt: not null } r => $"。返厂检测为{r.FaultCause}，已修复并寄回",
                { RepairedAt: not null } r => $"。返厂检测为{r.FaultCause}，已修复待寄回",
                not null => "。已收件，维修中",
                _ => "",
            },
            ServiceType.OnsiteRepair => Pick(SeedTexts.OnsitePlans)
                                        + (draft.Visit?.CompletedAt is not null ? $"，{draft.Engineer}工程师现场处理完毕（{draft.Issue.FaultCause}）" : ""),
            ServiceType.Installation => Pick(SeedTexts.InstallationPlans) + (draft.Visit?.CompletedAt is not null ? "，已完成" : ""),
            ServiceType.Quote => Pick(SeedTexts.QuotePlans) + draft.Quote switch
            {
                { FirstQuoted: QuoteBasis.TaxInclusive, PriceInclTax: { } incl } => Invariant($"，含税价{incl:0.##}元"),
                { PriceExclTax: { } excl } => Invariant($"，不含税价{excl:0.##}元"),
                _ => "",
            },
            _ => null,
        };
    }
}
