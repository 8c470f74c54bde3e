using System.Globalization;
using System.Text.RegularExpressions;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Domain.Metrics;
using ServiceInsights.Data.Entities;

namespace ServiceInsights.Data.EightD;

/// <summary>
/// The records an 8D draft is made from. <see cref="Population"/>: the tickets of the same products in the window, which
/// the Is / Is Not table compares the affected records with. Times are UTC, as stored.
/// </summary>
public sealed record EightDEvidence(
    IReadOnlyList<Complaint> Complaints,
    IReadOnlyList<Ticket> Tickets,
    IReadOnlyList<Repair> Repairs,
    IReadOnlyList<SiteVisit> Visits,
    IReadOnlyList<Ticket> Population,
    DateOnly From,
    DateOnly To,
    ComplaintClass? Class,
    string? FaultCause = null);

/// <summary>
/// Fills a draft from the records only: every value is copied or counted from <see cref="EightDEvidence"/>, and whatever
/// the records do not hold becomes an <see cref="OpenItem"/> instead of a guess. Generated sentences are in Chinese, the
/// department's language; the open items are bilingual.
/// </summary>
public sealed partial class EightDPrefill(DepartmentClock clock)
{
    public EightDContent Build(EightDEvidence e, string author)
    {
        var content = new EightDContent();
        var open = content.OpenItems;
        var ticketByNo = e.Tickets.ToDictionary(t => t.TicketNo, StringComparer.Ordinal);
        Ticket? TicketOf(string? no) => no is not null && ticketByNo.TryGetValue(no, out var t) ? t : null;

        // The occurrences: the complaints and repairs, each with the model, customer and serial number it has or its ticket has.
        var occurrences = e.Complaints
            .Select(c => new Occurrence(TimelineKind.Complaint, c.ComplaintNo, clock.ToLocal(c.ReceivedAt),
                Clean(c.Model) ?? Clean(TicketOf(c.TicketNo)?.Model), Clean(c.Customer) ?? Clean(TicketOf(c.TicketNo)?.Customer)))
            .Concat(e.Repairs.Select(r => new Occurrence(TimelineKind.Repair, r.RepairNo, clock.ToLocal(r.ReceivedAt),
                Clean(TicketOf(r.TicketNo)?.Model), Clean(TicketOf(r.TicketNo)?.Customer))))
            .OrderBy(o => o.At).ToList();

        FillHeader(content.Header, e, TicketOf, author, open);
        FillD0(content.D0, e, open);
        FillD1(content.D1, e, author, open);
        FillD2(content, e, occurrences, open);
        open.Add(new() { Section = EightDSection.D3, Text = new("记录中无围堵措施", "no containment recorded") });
        FillD4(content.D4, e, open);
        content.D5.Recorded = Sourced(e.Complaints.Select(c => (c.CorrectiveAction, c.ComplaintNo)));
        open.Add(content.D5.Recorded.Count == 0
            ? new() { Section = EightDSection.D5, Text = new("记录中无纠正措施", "no corrective action recorded") }
            : new() { Section = EightDSection.D5, Text = new("记录中的纠正措施尚未关联原因并验证", "the recorded corrective actions are not yet linked to a cause and verified") });
        open.Add(new() { Section = EightDSection.D6, Text = new("记录中无实施计划与效果确认", "no implementation or validation recorded") });
        content.D7.Recorded = Sourced(e.Complaints.Select(c => (c.PreventiveAction, c.ComplaintNo)));
        if (content.D7.Recorded.Count == 0)
        {
            open.Add(new() { Section = EightDSection.D7, Text = new("记录中无预防措施（FMEA、作业指导书、培训、类似产品）", "no prevention recorded (FMEA, work instruction, training, similar products)") });
        }

        return content;
    }

    private void FillHeader(EightDHeader h, EightDEvidence e, Func<string?, Ticket?> ticketOf, string author, List<OpenItem> open)
    {
        h.Owner = author;
        h.OpenedOn = clock.Today;
        h.PeriodFrom = e.From;
        h.PeriodTo = e.To;
        h.FaultCause = e.FaultCause;
        h.Customers = Distinct(e.Complaints.Select(c => c.Customer).Concat(e.Tickets.Select(t => t.Customer)));
        h.Products = Distinct(e.Complaints.Select(c => c.ProductName).Concat(e.Tickets.Select(t => t.ProductName)));
        h.Models = Distinct(e.Complaints.Select(c => c.Model).Concat(e.Tickets.Select(t => t.Model)));
        h.SerialNumbers = Distinct(e.Complaints.Select(c => c.SerialNo).Concat(e.Tickets.Select(t => t.SerialNo)));
        if (e.Class is { } cls)
        {
            h.ComplaintClass = cls.Level;
            h.ComplaintClassReason = cls.Reason;
        }

        if (h.Models.Count == 0)
        {
            open.Add(new() { Section = EightDSection.Header, Text = new("记录中无产品型号", "no product model recorded") });
        }

        if (h.SerialNumbers.Count == 0)
        {
            open.Add(new() { Section = EightDSection.Header, Text = new("记录中无出厂编号", "no serial number recorded") });
        }

        var origins = e.Tickets.Select(t => t.Origin).OfType<Origin>().Distinct().Order().ToList();
        if (origins.Count == 1)
        {
            h.Origin = origins[0];
            h.OriginOwner = EightDHeader.OwnerOf(origins[0]);
        }
        else
        {
            open.Add(origins.Count == 0
                ? new() { Section = EightDSection.Header, Text = new("记录中无产品来源，8D 责任方（生产或供应商）待定", "no product origin recorded: the 8D owner (production or supplier) is open") }
                : new() { Section = EightDSection.Header, Text = new("记录中的产品来源不一致：" + string.Join("、", origins), "the records give different origins: " + string.Join(", ", origins)) });
        }

        var first = e.Complaints.OrderBy(c => c.ReceivedAt).FirstOrDefault();
        var subject = Clean(h.Models.FirstOrDefault()) ?? Clean(h.Products.FirstOrDefault()) ?? "";
        string?[] parts = e.FaultCause is not null || first is null
            ? [subject, e.FaultCause]
            : [first.ComplaintNo, Clean(first.Customer) ?? Clean(ticketOf(first.TicketNo)?.Customer), subject];
        h.Title = string.Join(" ", parts.Where(p => !string.IsNullOrEmpty(p)));
    }

    private static void FillD0(D0Symptom d0, EightDEvidence e, List<OpenItem> open)
    {
        d0.Symptom = string.Join("；", Distinct(e.Complaints.Select(c => c.Description).Concat(e.Tickets.Select(t => t.Problem))));
        if (d0.Symptom.Length == 0)
        {
            open.Add(new() { Section = EightDSection.D0, Text = new("记录中无问题描述", "no symptom described in the records") });
        }

        d0.EmergencyActions = Sourced(e.Complaints.Select(c => (c.Measures, c.ComplaintNo)));
        if (d0.EmergencyActions.Count == 0)
        {
            open.Add(new() { Section = EightDSection.D0, Text = new("记录中无应急措施", "no emergency action recorded") });
        }
    }

    private static void FillD1(D1Team d1, EightDEvidence e, string author, List<OpenItem> open)
    {
        var members = new List<TeamMember>();

        void Add(string? name, TeamRole role, string source)
        {
            if (Clean(name) is not { } clean)
            {
                return;
            }

            var member = members.FirstOrDefault(m => m.Name == clean);
            if (member is null)
            {
                members.Add(member = new TeamMember { Name = clean, Role = role });
            }

            if (!member.Sources.Contains(source))
            {
                member.Sources.Add(source);
            }
        }

        Add(author, TeamRole.Leader, "8D 作者 / author");
        foreach (var c in e.Complaints)
        {
            Add(c.Responsible, TeamRole.Member, $"{c.ComplaintNo} 责任人 / responsible");
            Add(c.Staff, TeamRole.Member, $"{c.ComplaintNo} 客服 / staff");
        }

        foreach (var t in e.Tickets)
        {
            Add(t.Staff, TeamRole.Member, $"{t.TicketNo} 客服 / staff");
        }

        foreach (var v in e.Visits)
        {
            Add(v.Engineer, TeamRole.Member, $"{v.DispatchNo} 工程师 / engineer");
        }

        d1.Members = members;
        open.Add(new() { Section = EightDSection.D1, Text = new("记录中无倡导者（Champion），请指定", "no champion recorded: name one") });
    }

    private void FillD2(EightDContent content, EightDEvidence e, IReadOnlyList<Occurrence> occurrences, List<OpenItem> open)
    {
        var d2 = content.D2;
        var h = content.Header;
        d2.What = $"{string.Join("、", h.Products.Concat(h.Models))}：{content.D0.Symptom}".Trim('：');
        d2.WhereRegions = Distinct(e.Tickets.Select(t => Region(t.Address)));
        if (d2.WhereRegions.Count == 0)
        {
            open.Add(new() { Section = EightDSection.D2, Text = new("记录中无客户地址，发生地区未知", "no customer address recorded: the region is unknown") });
        }

        d2.Who = Distinct(occurrences.Select(o => o.Customer));
        if (d2.Who.Count == 0)
        {
            open.Add(new() { Section = EightDSection.D2, Text = new("记录中无客户", "no customer recorded") });
        }

        d2.How = string.Join("；", Distinct(
            e.Complaints.Select(c => c.Source switch { ComplaintSource.Customer => "客户直接投诉", ComplaintSource.SalesRelay => "销售转达投诉", _ => null })
                .Concat(e.Tickets.Select(t => t.Channel switch
                {
                    Channel.Phone => "电话报修", Channel.SalesRelay => "销售转达报修", Channel.Sms => "短信报修", Channel.WalkIn => "上门报修",
                    Channel.Other => "其他渠道报修", _ => null,
                }))
                .Concat(e.Repairs.Count > 0 ? ["返厂检测"] : [])));

        // When: every dated event of the records; the occurrences (complaints, repairs) after the first are repeats.
        var repeats = occurrences.Skip(1).Select(o => (o.Kind, o.Number)).ToHashSet();
        d2.Timeline = e.Complaints.Select(c => Entry(c.ReceivedAt, TimelineKind.Complaint, c.ComplaintNo, c.Description))
            .Concat(e.Tickets.Select(t => Entry(t.ReceivedAt, TimelineKind.Ticket, t.TicketNo, t.Problem)))
            .Concat(e.Repairs.Select(r => Entry(r.ReceivedAt, TimelineKind.Repair, r.RepairNo, r.FaultCause)))
            .Concat(e.Repairs.Where(r => r.RepairedAt is not null).Select(r => Entry(r.RepairedAt!.Value, TimelineKind.Repaired, r.RepairNo, null)))
            .Concat(e.Visits.Select(v => Entry(v.OrderedAt, TimelineKind.SiteVisit, v.DispatchNo, v.Engineer)))
            .Select(t => { t.Repeat = repeats.Contains((t.Kind, t.Number)); return t; })
            .OrderBy(t => t.At).ThenBy(t => t.Kind).ThenBy(t => t.Number, StringComparer.Ordinal).ToList();
        d2.FirstOccurrence = occurrences.Count > 0 ? occurrences[0].At : null;
        d2.LastOccurrence = occurrences.Count > 0 ? occurrences[^1].At : null;

        var serials = Distinct(e.Tickets.Select(t => t.SerialNo).Concat(e.Complaints.Select(c => c.SerialNo)));
        d2.HowMany = new HowMany
        {
            Complaints = e.Complaints.Count,
            Repairs = e.Repairs.Count,
            Tickets = e.Tickets.Count,
            SerialNumbers = serials.Count,
            Units = serials.Count + e.Tickets.Count(t => Clean(t.SerialNo) is null),
        };

        d2.IsIsNot = IsIsNot(e, occurrences);
        var period = d2.FirstOccurrence is { } f && d2.LastOccurrence is { } l
            ? f.Date == l.Date ? $"{f:yyyy-MM-dd}" : $"{f:yyyy-MM-dd} 至 {l:yyyy-MM-dd}"
            : "";
        var cause = e.FaultCause ?? content.D0.Symptom;
        d2.ProblemStatement = $"{period}，{d2.Who.Count} 家客户的 {string.Join("、", h.Models)} 出现“{cause}”：投诉 {e.Complaints.Count} 起，返厂维修 {e.Repairs.Count} 台次，涉及 {d2.HowMany.Units} 台设备。";
    }

    /// <summary>
    /// Is / Is Not from the data: models — affected vs the other models of the same products in the window; customers —
    /// affected vs the other customers of the affected models; periods — months with an occurrence vs the window's other
    /// months in which the products had tickets.
    /// </summary>
    private List<IsIsNotRow> IsIsNot(EightDEvidence e, IReadOnlyList<Occurrence> occurrences)
    {
        var models = Distinct(occurrences.Select(o => o.Model));
        var customers = Distinct(occurrences.Select(o => o.Customer));
        var months = occurrences.Select(o => o.At.ToString("yyyy-MM", CultureInfo.InvariantCulture)).Distinct().Order(StringComparer.Ordinal).ToList();
        var modelSet = models.ToHashSet(StringComparer.Ordinal);
        // A month counts as "is not" only when the products had tickets in it: a month without any record says nothing.
        var active = e.Population.Select(t => clock.ToLocal(t.ReceivedAt).ToString("yyyy-MM", CultureInfo.InvariantCulture))
            .Distinct().Order(StringComparer.Ordinal);

        return
        [
            new() { Dimension = IsIsNotDimension.Model, Is = models, IsNot = Distinct(e.Population.Select(t => t.Model)).Except(models).ToList() },
            new()
            {
                Dimension = IsIsNotDimension.Customer, Is = customers,
                IsNot = Distinct(e.Population.Where(t => Clean(t.Model) is { } m && modelSet.Contains(m)).Select(t => t.Customer)).Except(customers).ToList(),
            },
            new() { Dimension = IsIsNotDimension.Period, Is = months, IsNot = active.Except(months).ToList() },
        ];
    }

    private static void FillD4(D4RootCauses d4, EightDEvidence e, List<OpenItem> open)
    {
        d4.Candidates = Sourced(e.Repairs.Select(r => (r.FaultCause, r.RepairNo)).Concat(e.Complaints.Select(c => (c.RootCause, c.ComplaintNo))))
            .OrderByDescending(c => c.Sources.Count).ToList();
        open.Add(d4.Candidates.Count == 0
            ? new() { Section = EightDSection.D4, Text = new("记录中无故障原因或根本原因", "no fault cause or root cause recorded") }
            : new() { Section = EightDSection.D4, Text = new("根本原因（发生与流出）尚未确认", "root causes (occurrence and escape) not yet confirmed") });
    }

    private TimelineEntry Entry(DateTime utc, TimelineKind kind, string number, string? text) =>
        new() { At = clock.ToLocal(utc), Kind = kind, Number = number, Text = Clean(text) };

    /// <summary>Distinct texts with the numbers of the records that hold them, in the order first seen.</summary>
    private static List<SourcedText> Sourced(IEnumerable<(string? Text, string Number)> items) =>
        items.Where(i => Clean(i.Text) is not null)
            .GroupBy(i => Clean(i.Text)!, StringComparer.Ordinal)
            .Select(g => new SourcedText { Text = g.Key, Sources = g.Select(i => i.Number).Distinct(StringComparer.Ordinal).ToList() })
            .ToList();

    /// <summary>The province-level region at the start of a Chinese address (省, 自治区, 直辖市, 特别行政区).</summary>
    public static string? Region(string? address) =>
        Clean(address) is { } a && RegionPattern().Match(a) is { Success: true } m ? m.Value : null;

    [GeneratedRegex("^.{2,8}?(省|自治区|特别行政区|市)")]
    private static partial Regex RegionPattern();

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static List<string> Distinct(IEnumerable<string?> values) =>
        values.Select(Clean).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    private sealed record Occurrence(TimelineKind Kind, string Number, DateTime At, string? Model, string? Customer);
}
