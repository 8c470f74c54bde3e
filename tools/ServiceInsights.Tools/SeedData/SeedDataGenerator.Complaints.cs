using ServiceInsights.Data.Entities;

namespace ServiceInsights.Tools.SeedData;

public sealed partial class SeedDataGenerator
{
    /// <summary>CP-1's repeat window (the setting's default).</summary>
    private const int RepeatComplaintDays = 90;

    /// <summary>Customers whose complaints are placed by hand: a repeat on day 90 (class 2), on day 91 (class 1), and three
    /// within two months.</summary>
    private const string Day90Customer = "湖北省荆州市农业农村局";
    private const string Day91Customer = "江西省宜春市农业农村局";
    private const string RepeatCustomer = "中国水稻研究所";

    private enum Escalation { None, Threat, MediaReported, MediaUnreported, MediaOpen }

    private sealed record ComplaintPlan(DateTime ReceivedAt, string Customer, Ticket? Ticket, Device? Device)
    {
        public Escalation Escalation { get; init; }
        public bool SalesRelay { get; init; }
        public int? FeedbackMinutes { get; init; }
        public bool? ManagerInformed { get; init; }
        public string? CustomerSpelling { get; init; }
    }

    // ---- complaints: CS-8b, CP-1, CP-2a–e ---------------------------------------------------------------------------

    private void CreateComplaints()
    {
        var plans = new List<ComplaintPlan>();
        plans.AddRange(EverydayComplaints(50));
        plans.Add(PlannedComplaint(Day90Customer, new DateTime(2026, 3, 10, 14, 20, 0)));
        plans.Add(PlannedComplaint(Day90Customer, new DateTime(2026, 3, 10, 14, 20, 0).AddDays(RepeatComplaintDays).Date.AddHours(9).AddMinutes(40)) with
        {
            ManagerInformed = true,
        });
        plans.Add(PlannedComplaint(Day91Customer, new DateTime(2026, 4, 14, 15, 10, 0)));
        plans.Add(PlannedComplaint(Day91Customer, new DateTime(2026, 4, 14, 15, 10, 0).AddDays(RepeatComplaintDays + 1).Date.AddHours(10).AddMinutes(5)));
        plans.Add(PlannedComplaint(RepeatCustomer, new DateTime(2026, 1, 12, 10, 30, 0)));
        plans.Add(PlannedComplaint(RepeatCustomer, new DateTime(2026, 2, 6, 15, 0, 0)) with { ManagerInformed = true });
        plans.Add(PlannedComplaint(RepeatCustomer, new DateTime(2026, 3, 3, 9, 15, 0)) with
        {
            ManagerInformed = false,
            CustomerSpelling = RepeatCustomer + " ", // the export keeps a stray space; linking trims it
        });
        plans.Add(PlannedComplaint("新疆维吾尔自治区昌吉州农业农村局", new DateTime(2026, 5, 19, 10, 20, 0)) with { Escalation = Escalation.MediaReported });
        plans.Add(PlannedComplaint("沈丘县丰华小麦种植专业合作社", new DateTime(2026, 8, 25, 14, 40, 0)) with { Escalation = Escalation.MediaUnreported });
        plans.Add(PlannedComplaint("安徽省宿州市埇桥区农业农村局", new DateTime(2026, 11, 20, 11, 5, 0)) with { Escalation = Escalation.MediaOpen });

        var ordered = plans.OrderBy(p => p.ReceivedAt).ToList();
        var earlier = new List<ComplaintPlan>();
        foreach (var plan in ordered)
        {
            var repeat = earlier.Any(e => e.Customer == plan.Customer && e.ReceivedAt >= plan.ReceivedAt.AddDays(-RepeatComplaintDays));
            earlier.Add(plan);
            _complaints.Add(NewComplaint(plan, repeat));
        }
    }

    /// <summary>Complaints about tickets that went wrong, mostly repairs and visits; some relayed by sales, some with a
    /// threat to complain externally, a few without a ticket number.</summary>
    private IEnumerable<ComplaintPlan> EverydayComplaints(int count)
    {
        var candidates = _drafts
            .Where(d => d.Ticket.ReceivedAt < AsOf.AddDays(-12)
                        && d.Customer.Name is not (Day90Customer or Day91Customer or RepeatCustomer))
            .ToList();
        var chosen = new HashSet<Draft>();
        var plans = new List<ComplaintPlan>();
        while (plans.Count < count)
        {
            var draft = PickWeighted(candidates, d => d.Type switch
            {
                ServiceType.ReturnRepair or ServiceType.OnsiteRepair => 5,
                ServiceType.Installation => 4,
                ServiceType.Quote => 2,
                _ => 1,
            });
            if (!chosen.Add(draft))
            {
                continue;
            }

            var day = _calendar.ThisOrNextWorkingDay(DateOf(draft.Ticket.ReceivedAt).AddDays(Between(3, 25)));
            var received = BusinessMomentOn(day, 8.75, 17.2);
            if (received > AsOf.AddHours(-2))
            {
                continue;
            }

            var index = plans.Count;
            plans.Add(new ComplaintPlan(received, draft.Customer.Name, index % 12 == 5 ? null : draft.Ticket, draft.Device)
            {
                // CS-8b: every third complaint is relayed by a salesperson; feedback within 30 minutes, exactly 30, 31, later, none.
                SalesRelay = index % 3 == 1,
                FeedbackMinutes = (index / 3) switch
                {
                    0 => 30,
                    1 => 31,
                    5 => 45,
                    9 => 120,
                    12 => null,
                    _ => Between(5, 29),
                },
                Escalation = index % 10 == 7 ? Escalation.Threat : Escalation.None,
            });
        }

        return plans;
    }

    private ComplaintPlan PlannedComplaint(string customerName, DateTime received)
    {
        var customer = SeedCatalog.Customers.Single(c => c.Name == customerName);
        var ticket = _drafts.LastOrDefault(d => d.Customer == customer && d.Ticket.ReceivedAt < received && d.Ticket.ReceivedAt > received.AddDays(-60));
        return new ComplaintPlan(received, customerName, ticket?.Ticket, ticket?.Device ?? Pick(_devices[customer]));
    }

    private Complaint NewComplaint(ComplaintPlan plan, bool repeat)
    {
        var received = plan.ReceivedAt;
        var ticket = plan.Ticket;
        var type = plan.Ticket?.ServiceType ?? ServiceType.Consult;
        var themes = SeedTexts.ComplaintThemes.Where(t => t.Fits.Contains(type)).ToList();
        var theme = Pick(themes.Count > 0 ? themes : SeedTexts.ComplaintThemes);
        var media = plan.Escalation is Escalation.MediaReported or Escalation.MediaUnreported or Escalation.MediaOpen;
        var complaint = new Complaint
        {
            TicketNo = ticket?.TicketNo,
            Customer = plan.CustomerSpelling ?? plan.Customer,
            ProductName = ticket?.ProductName ?? plan.Device?.Product.Name,
            Model = ticket?.Model ?? plan.Device?.Product.Model,
            SerialNo = ticket?.SerialNo ?? plan.Device?.SerialNo,
            ReceivedAt = received,
            Source = plan.SalesRelay ? ComplaintSource.SalesRelay : ComplaintSource.Customer,
            ThreatensExternal = plan.Escalation == Escalation.Threat ? true : Chance(0.6) ? false : null,
            Media = media ? true : Chance(0.6) ? false : null,
            Description = plan.Escalation switch
            {
                Escalation.Threat => theme.Description + "；" + Pick(SeedTexts.ThreatDescriptions),
                Escalation.None => theme.Description,
                _ => Pick(SeedTexts.MediaDescriptions) + "（" + theme.Description + "）",
            },
            Staff = ticket?.Staff ?? Pick(SeedCatalog.Staff),
        };

        if (plan.SalesRelay)
        {
            complaint.SalesPerson = Pick(SeedCatalog.Sales);
            complaint.SalesFeedbackAt = plan.FeedbackMinutes is { } minutes ? received.AddMinutes(minutes) : null;
        }

        // CP-2a/b: a stated waiting time and concrete measures, most of the time.
        complaint.PromisedBy = Chance(0.9) ? AddWorkingDaysWithinCalendar(DateOf(received), Between(1, 3)).ToDateTime(new TimeOnly(17, 0)) : null;
        complaint.Measures = Chance(0.93) ? theme.Measures : null;

        // CP-1: class 2 (repeat or threat) informs the department manager, class 3 (media) also the leader in charge.
        var classTwo = repeat || plan.Escalation == Escalation.Threat;
        var informManager = media || (plan.ManagerInformed ?? (classTwo ? Chance(0.75) : Chance(0.08)));
        complaint.ManagerInformedAt = informManager ? _calendar.AddBusinessMinutes(received, Between(10, media ? 30 : 240)) : null;
        complaint.LeaderInformedAt = plan.Escalation is Escalation.MediaReported or Escalation.MediaUnreported
            ? _calendar.AddBusinessMinutes(received, Between(20, 90))
            : null;

        // CP-2c/d/e: closing with the result, satisfaction, CAPA and — for media cases — a case study.
        var open = plan.Escalation == Escalation.MediaOpen || (received > AsOf.AddDays(-35) && Chance(0.75));
        var closed = open ? null : Clip(BusinessMomentOn(AddWorkingDaysWithinCalendar(DateOf(received), Between(2, 15))));
        complaint.ClosedAt = closed;
        if (closed is { } closedAt)
        {
            var notified = closedAt.AddMinutes(-Between(10, 120));
            complaint.ResultNotifiedAt = Chance(0.92) ? (notified > received ? notified : closedAt) : null;
            complaint.Satisfaction = Chance(0.92)
                ? PickWeighted<int>([5, 4, 3, 2, 1], s => s switch { 5 => 25, 4 => 40, 3 => 25, 2 => 8, _ => 2 })
                : null;
            complaint.RootCause = theme.RootCause;
            complaint.CorrectiveAction = theme.CorrectiveAction;
            complaint.PreventiveAction = Chance(0.85) ? theme.PreventiveAction : null;
            complaint.Responsible = Pick(Chance(0.7) ? SeedCatalog.QualityTech : SeedCatalog.Engineers);
            if (Chance(0.15))
            {
                switch (Between(0, 2))
                {
                    case 0: complaint.RootCause = null; break;
                    case 1: complaint.CorrectiveAction = null; break;
                    default: complaint.Responsible = null; break;
                }
            }
        }
        else
        {
            complaint.RootCause = Chance(0.5) ? theme.RootCause : null;
        }

        complaint.CaseStudyWritten = plan.Escalation switch
        {
            Escalation.MediaReported => true,
            Escalation.MediaUnreported => false,
            _ => null,
        };

        return complaint;
    }
}
