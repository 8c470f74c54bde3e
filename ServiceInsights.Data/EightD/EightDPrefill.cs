using System.Globalization;
using System.Text.RegularExpressions;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Domain.Metrics;
using ServiceInsights.Data.Entities;
using ServiceInsights.Data.Import;

namespace ServiceInsights.Data.EightD;

/// <summary>
/// The records an 8D draft is made from. <see cref="Symptoms"/>: the symptom the draft is about (<see cref="SymptomMatcher"/>
/// keys of the complaint and its ticket, or the cluster's fault cause). <see cref="Population"/>: the window's records of the
/// same product family, which the Is / Is Not table compares with. Entity times are UTC, as stored.
/// </summary>
public sealed record EightDEvidence(
    IReadOnlyList<Complaint> Complaints,
    IReadOnlyList<Ticket> Tickets,
    IReadOnlyList<Repair> Repairs,
    IReadOnlyList<SiteVisit> Visits,
    IReadOnlyList<ComparedRecord> Population,
    IReadOnlySet<string> Symptoms,
    DateOnly From,
    DateOnly To,
    ComplaintClass? Class,
    string? FaultCause = null);

/// <summary>
/// Fills a draft from the records only: every value is copied or counted from <see cref="EightDEvidence"/> and names the
/// records it comes from; whatever the records do not hold becomes an <see cref="OpenItem"/> instead of a guess. Generated
/// sentences are in the language of the request (<paramref name="chinese"/>); data quoted from records stays as recorded.
/// </summary>
public sealed partial class EightDPrefill(DepartmentClock clock, bool chinese = true)
{
    private static readonly Dictionary<Enum, string> ImportWords = RecordSchemas.All
        .SelectMany(s => s.Fields).SelectMany(f => f.EnumWords).DistinctBy(w => w.Value).ToDictionary(w => (Enum)w.Value, w => w.Chinese);

    public EightDContent Build(EightDEvidence e, string author)
    {
        var content = new EightDContent();
        var open = content.OpenItems;
        var cases = Cases(e);
        var symptomCases = cases.Where(c => SymptomMatcher.Matches(c.Keys, e.Symptoms)).ToList();

        FillHeader(content.Header, e, author, open);
        FillD0(content.D0, e, symptomCases, open);
        FillD1(content.D1, e, author, open);
        FillD2(content, e, cases, symptomCases, open);
        open.Add(Open(EightDSection.D3, "记录中无围堵措施", "no containment recorded"));
        FillD4(content.D4, e, symptomCases, open);
        content.D5.Recorded = Sourced(e.Complaints.Select(c => (c.CorrectiveAction, c.ComplaintNo)));
        open.Add(content.D5.Recorded.Count == 0
            ? Open(EightDSection.D5, "记录中无纠正措施", "no corrective action recorded")
            : Open(EightDSection.D5, "记录中的纠正措施尚未关联原因并验证", "the recorded corrective actions are not yet linked to a cause and verified"));
        open.Add(Open(EightDSection.D6, "记录中无实施计划与效果确认", "no implementation or validation recorded"));
        content.D7.Recorded = Sourced(e.Complaints.Select(c => (c.PreventiveAction, c.ComplaintNo)));
        return content;
    }

    private void FillHeader(EightDHeader h, EightDEvidence e, string author, List<OpenItem> open)
    {
        var ticketByNo = e.Tickets.ToDictionary(t => t.TicketNo, StringComparer.Ordinal);
        h.Owner = author;
        h.OpenedOn = clock.Today;
        h.PeriodFrom = e.From;
        h.PeriodTo = e.To;
        h.FaultCause = e.FaultCause;
        h.Symptoms = [.. e.Symptoms.Order(StringComparer.Ordinal)];
        var complaintValues = e.Complaints.Select(c => (c.ComplaintNo, c.Customer, c.ProductName, c.Model, c.SerialNo));
        var ticketValues = e.Tickets.Select(t => (t.TicketNo, t.Customer, t.ProductName, t.Model, t.SerialNo));
        var values = complaintValues.Concat(ticketValues).ToList();
        (h.Customers, h.Sources["Customers"]) = Listed(values.Select(v => (v.Customer, v.Item1)));
        (h.Products, h.Sources["Products"]) = Listed(values.Select(v => (v.ProductName, v.Item1)));
        (h.Models, h.Sources["Models"]) = Listed(values.Select(v => (v.Model, v.Item1)));
        (h.SerialNumbers, h.Sources["SerialNumbers"]) = Listed(values.Select(v => (v.SerialNo, v.Item1)));
        if (e.Class is { } cls)
        {
            h.ComplaintClass = cls.Level;
            h.ComplaintClassReason = cls.Reason;
        }

        if (h.Models.Count == 0)
        {
            open.Add(Open(EightDSection.Header, "记录中无产品型号", "no product model recorded"));
        }

        if (h.SerialNumbers.Count == 0)
        {
            open.Add(Open(EightDSection.Header, "记录中无出厂编号", "no serial number recorded"));
        }

        var origins = e.Tickets.Where(t => t.Origin is not null).ToList();
        var distinctOrigins = origins.Select(t => t.Origin!.Value).Distinct().Order().ToList();
        if (distinctOrigins.Count == 1)
        {
            h.Origin = distinctOrigins[0];
            h.Sources["Origin"] = [.. origins.Select(t => t.TicketNo)];
        }
        else
        {
            open.Add(distinctOrigins.Count == 0
                ? Open(EightDSection.Header, "记录中无产品来源", "no product origin recorded")
                : Open(EightDSection.Header, "记录中的产品来源不一致：" + string.Join("、", distinctOrigins.Select(o => ImportWords[o])),
                    "the records give different origins: " + string.Join(", ", distinctOrigins)));
        }

        // 责任方: only the complaint's own 责任人 field says who is responsible; the origin says nothing about it.
        h.Responsible = Sourced(e.Complaints.Select(c => (c.Responsible, c.ComplaintNo)));
        if (h.Responsible.Count == 0)
        {
            open.Add(Open(EightDSection.Header, "记录中无责任方（投诉的责任人），待确认", "no responsible party recorded (the complaint's Responsible): to confirm"));
        }

        var first = e.Complaints.OrderBy(c => c.ReceivedAt).FirstOrDefault();
        var subject = Clean(h.Models.FirstOrDefault()) ?? Clean(h.Products.FirstOrDefault()) ?? "";
        string?[] parts = e.FaultCause is not null || first is null
            ? [subject, e.FaultCause]
            : [first.ComplaintNo, Clean(first.Customer) ?? Clean(first.TicketNo is { } no && ticketByNo.TryGetValue(no, out var t) ? t.Customer : null), subject];
        h.Title = string.Join(" ", parts.Where(p => !string.IsNullOrEmpty(p)));
    }

    /// <summary>D0: the symptom as the complaints and the tickets with the symptom describe it.</summary>
    private static void FillD0(D0Symptom d0, EightDEvidence e, List<Case> symptomCases, List<OpenItem> open)
    {
        var texts = e.Complaints.Select(c => (c.Description, c.ComplaintNo))
            .Concat(symptomCases.Where(c => c.Ticket is not null).Select(c => (c.Ticket!.Problem, c.Ticket.TicketNo)));
        var sourced = Sourced(texts);
        d0.Symptom = string.Join("；", sourced.Select(s => s.Text));
        d0.SymptomSources = [.. sourced.SelectMany(s => s.Sources).Distinct(StringComparer.Ordinal)];
        if (d0.Symptom.Length == 0)
        {
            open.Add(Open(EightDSection.D0, "记录中无问题描述", "no symptom described in the records"));
        }

        d0.EmergencyActions = Sourced(e.Complaints.Select(c => (c.Measures, c.ComplaintNo)));
        if (d0.EmergencyActions.Count == 0)
        {
            open.Add(Open(EightDSection.D0, "记录中无应急措施", "no emergency action recorded"));
        }
    }

    /// <summary>
    /// D1 proposes roles, not everyone who touched a ticket: the drafting quality engineer leads; the complaint's customer-service
    /// owner (客服) and its 责任人 as recorded; quality, production or R&amp;D and the champion are open items to name.
    /// </summary>
    private void FillD1(D1Team d1, EightDEvidence e, string author, List<OpenItem> open)
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

        Add(author, TeamRole.Leader, T("8D 作者", "8D author"));
        foreach (var c in e.Complaints)
        {
            Add(c.Staff, TeamRole.Member, $"{c.ComplaintNo} {Label(RecordSchemas.Complaints, nameof(Complaint.Staff))}");
            Add(c.Responsible, TeamRole.Member, $"{c.ComplaintNo} {Label(RecordSchemas.Complaints, nameof(Complaint.Responsible))}");
        }

        d1.Members = members;
        if (e.Complaints.Count == 0 || e.Complaints.All(c => Clean(c.Staff) is null))
        {
            open.Add(Open(EightDSection.D1, "记录中无投诉的客服负责人，请指定", "no customer-service owner of the complaint recorded: name one"));
        }

        open.Add(Open(EightDSection.D1, "请指定品质部成员", "name a member from quality"));
        open.Add(Open(EightDSection.D1, "如故障在产品本身，请指定生产或研发成员（外购、进口产品为供应商）",
            "if the fault lies in the product, name a member from production or R&D (the supplier for purchased or imported products)"));
        open.Add(Open(EightDSection.D1, "记录中无倡导者（Champion），请指定", "no champion recorded: name one"));
    }

    private void FillD2(EightDContent content, EightDEvidence e, List<Case> cases, List<Case> symptomCases, List<OpenItem> open)
    {
        var d2 = content.D2;
        var h = content.Header;
        var symptomNumbers = symptomCases.SelectMany(c => c.Numbers).Distinct(StringComparer.Ordinal).ToList();
        d2.What = $"{string.Join(T("、", ", "), h.Products.Concat(h.Models))}{T("：", ": ")}{content.D0.Symptom}".Trim('：', ':', ' ');
        d2.Sources["What"] = [.. h.Sources["Models"].Concat(content.D0.SymptomSources).Distinct(StringComparer.Ordinal)];

        var regions = Listed(symptomCases.Where(c => c.Ticket is not null).Select(c => (Region(c.Ticket!.Address), c.Ticket.TicketNo)));
        (d2.WhereRegions, d2.Sources["Where"]) = regions;
        if (d2.WhereRegions.Count == 0)
        {
            open.Add(Open(EightDSection.D2, "记录中无客户地址，发生地区未知", "no customer address recorded: the region is unknown"));
        }

        (d2.Who, d2.Sources["Who"]) = Listed(symptomCases.Select(c => (c.Customer, c.Numbers[0])));
        if (d2.Who.Count == 0)
        {
            open.Add(Open(EightDSection.D2, "记录中无客户", "no customer recorded"));
        }

        // How it came in: the complaint's 来源, each ticket's 渠道 and 服务类型, a return repair — in the import format's words.
        var how = Sourced(
            e.Complaints.Where(c => c.Source is not null).Select(c => ((string?)$"{Label(RecordSchemas.Complaints, nameof(Complaint.Source))}：{Word(c.Source!.Value)}", c.ComplaintNo))
                .Concat(symptomCases.Where(c => c.Ticket is not null).Select(c => ((string?)Join(" · ",
                    c.Ticket!.Channel is { } ch ? Word(ch) : null, c.Ticket.ServiceType is { } st ? Word(st) : null), c.Ticket.TicketNo)))
                .Concat(symptomCases.SelectMany(c => c.Repairs).Select(r => ((string?)T("返厂维修", "return repair"), r.RepairNo))));
        d2.How = string.Join(T("；", "; "), how.Select(x => x.Text));
        d2.Sources["How"] = [.. how.SelectMany(x => x.Sources).Distinct(StringComparer.Ordinal)];

        d2.Timeline = Timeline(e, cases);
        var occurrences = symptomCases.Select(c => c.At).Order().ToList();
        d2.FirstOccurrence = occurrences.Count > 0 ? occurrences[0] : null;
        d2.LastOccurrence = occurrences.Count > 0 ? occurrences[^1] : null;

        var serials = Distinct(e.Tickets.Select(t => t.SerialNo).Concat(e.Complaints.Select(c => c.SerialNo)));
        d2.HowMany = new HowMany
        {
            Complaints = e.Complaints.Count,
            Repairs = e.Repairs.Count,
            Tickets = e.Tickets.Count,
            SerialNumbers = serials.Count,
            Units = serials.Count + e.Tickets.Count(t => Clean(t.SerialNo) is null),
        };

        var symptomSerials = Distinct(symptomCases.Select(c => c.Serial));
        var (rows, comparisonsOpen) = new IsIsNotTable(e.Population, e.Symptoms, chinese).Build(h.Models, symptomSerials, d2.Who);
        d2.IsIsNot = rows;
        open.AddRange(comparisonsOpen);

        var period = d2.FirstOccurrence is { } f && d2.LastOccurrence is { } l
            ? f.Date == l.Date ? $"{f:yyyy-MM-dd}" : T($"{f:yyyy-MM-dd} 至 {l:yyyy-MM-dd}", $"{f:yyyy-MM-dd} to {l:yyyy-MM-dd}")
            : "";
        var symptom = e.FaultCause ?? content.D0.Symptom;
        var units = symptomCases.Select(c => c.Serial ?? c.Numbers[0]).Distinct(StringComparer.Ordinal).Count();
        var complaints = symptomCases.Sum(c => c.Complaints.Count);
        var repairs = symptomCases.Sum(c => c.Repairs.Count);
        var models = string.Join(T("、", ", "), h.Models);
        d2.ProblemStatement = T(
            $"{period}，{d2.Who.Count} 家客户的 {models} 出现“{symptom}”：投诉 {complaints} 起，返厂维修 {repairs} 台次，涉及 {units} 台设备。",
            $"{period}: {models} of {d2.Who.Count} customer(s) showed \"{symptom}\": {complaints} complaint(s), {repairs} return repair(s), {units} unit(s).");
        d2.Sources["ProblemStatement"] = symptomNumbers;
    }

    /// <summary>
    /// Every dated event of the records. A ticket, its repairs and its complaints are one occurrence; an occurrence is a
    /// repeat when an earlier occurrence on the same serial number shows the same symptom (<see cref="SymptomMatcher"/>).
    /// </summary>
    private List<TimelineEntry> Timeline(EightDEvidence e, List<Case> cases)
    {
        var repeats = new HashSet<string>(StringComparer.Ordinal);
        var ordered = cases.OrderBy(c => c.At).ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            var current = ordered[i];
            if (current.Serial is { } serial && ordered.Take(i).Any(p => p.Serial == serial && SymptomMatcher.Matches(p.Keys, current.Keys)))
            {
                repeats.UnionWith(current.Numbers);
            }
        }

        return e.Complaints.Select(c => Entry(c.ReceivedAt, TimelineKind.Complaint, c.ComplaintNo, c.Description))
            .Concat(e.Tickets.Select(t => Entry(t.ReceivedAt, TimelineKind.Ticket, t.TicketNo, t.Problem)))
            .Concat(e.Repairs.Select(r => Entry(r.ReceivedAt, TimelineKind.Repair, r.RepairNo, r.FaultCause)))
            .Concat(e.Repairs.Where(r => r.RepairedAt is not null).Select(r => Entry(r.RepairedAt!.Value, TimelineKind.Repaired, r.RepairNo, null)))
            .Concat(e.Visits.Select(v => Entry(v.OrderedAt, TimelineKind.SiteVisit, v.DispatchNo, v.Engineer)))
            .Select(t =>
            {
                t.Repeat = t.Kind is TimelineKind.Ticket or TimelineKind.Repair or TimelineKind.Complaint && repeats.Contains(t.Number);
                return t;
            })
            .OrderBy(t => t.At).ThenBy(t => t.Kind).ThenBy(t => t.Number, StringComparer.Ordinal).ToList();
    }

    /// <summary>The occurrences of the evidence: each ticket with its repairs and complaints; a repair or complaint without a linked ticket alone.</summary>
    private List<Case> Cases(EightDEvidence e)
    {
        var ticketNos = e.Tickets.Select(t => t.TicketNo).ToHashSet(StringComparer.Ordinal);
        var repairs = e.Repairs.ToLookup(r => r.TicketNo is { } no && ticketNos.Contains(no) ? no : "");
        var complaints = e.Complaints.ToLookup(c => c.TicketNo is { } no && ticketNos.Contains(no) ? no : "");
        var cases = e.Tickets.Select(t => NewCase(clock.ToLocal(t.ReceivedAt), Clean(t.SerialNo), Clean(t.Customer), t, [.. repairs[t.TicketNo]], [.. complaints[t.TicketNo]]))
            .Concat(repairs[""].Select(r => NewCase(clock.ToLocal(r.ReceivedAt), null, null, null, [r], [])))
            .Concat(complaints[""].Select(c => NewCase(clock.ToLocal(c.ReceivedAt), Clean(c.SerialNo), Clean(c.Customer), null, [], [c])))
            .OrderBy(c => c.At).ThenBy(c => c.Numbers[0], StringComparer.Ordinal)
            .ToList();
        return cases;
    }

    private static Case NewCase(DateTime at, string? serial, string? customer, Ticket? ticket, List<Repair> repairs, List<Complaint> complaints)
    {
        var keys = SymptomMatcher.Keys(
            repairs.Select(r => r.FaultCause).Concat(complaints.Select(c => c.RootCause)),
            complaints.Select(c => c.Description).Prepend(ticket?.Problem));
        List<string> numbers = [.. new[] { ticket?.TicketNo }.OfType<string>(), .. repairs.Select(r => r.RepairNo), .. complaints.Select(c => c.ComplaintNo)];
        return new Case(at, serial ?? complaints.Select(c => Clean(c.SerialNo)).FirstOrDefault(s => s is not null),
            customer ?? complaints.Select(c => Clean(c.Customer)).FirstOrDefault(c => c is not null), ticket, repairs, complaints, keys, numbers);
    }

    /// <summary>D4: the fault causes of the repairs and the causes of the complaints with the symptom, as recorded; none is confirmed.</summary>
    private static void FillD4(D4RootCauses d4, EightDEvidence e, List<Case> symptomCases, List<OpenItem> open)
    {
        d4.Candidates = Sourced(symptomCases.SelectMany(c => c.Repairs).Select(r => (r.FaultCause, r.RepairNo))
                .Concat(e.Complaints.Select(c => (c.RootCause, c.ComplaintNo))))
            .OrderByDescending(c => c.Sources.Count).ToList();
        open.Add(d4.Candidates.Count == 0
            ? Open(EightDSection.D4, "记录中无故障原因或根本原因", "no fault cause or root cause recorded")
            : Open(EightDSection.D4, "根本原因（发生与流出）尚未确认", "root causes (occurrence and escape) not yet confirmed"));
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

    /// <summary>The distinct values, ordered, and the numbers of the records that hold any of them.</summary>
    private static (List<string> Values, List<string> Sources) Listed(IEnumerable<(string? Value, string Number)> items)
    {
        var held = items.Where(i => Clean(i.Value) is not null).ToList();
        return (Distinct(held.Select(i => i.Value)), [.. held.Select(i => i.Number).Distinct(StringComparer.Ordinal)]);
    }

    private static string? Join(string separator, params string?[] parts) =>
        parts.Where(p => !string.IsNullOrEmpty(p)).ToList() is { Count: > 0 } present ? string.Join(separator, present) : null;

    private string T(string zh, string en) => chinese ? zh : en;

    /// <summary>An enumeration value in the import format's words: 安装调试, 自产… (its English alias in English).</summary>
    private string Word(Enum value) => chinese && ImportWords.TryGetValue(value, out var word) ? word : value.ToString();

    private string Label(RecordSchema schema, string property) =>
        schema.Fields.Single(f => f.Property == property) is var field && chinese ? field.Chinese : field.English;

    private static OpenItem Open(EightDSection section, string zh, string en) => new() { Section = section, Text = new(zh, en) };

    /// <summary>One occurrence: a ticket with its repairs and complaints (or one of those alone), its symptom keys and record numbers.</summary>
    private sealed record Case(
        DateTime At, string? Serial, string? Customer, Ticket? Ticket, List<Repair> Repairs, List<Complaint> Complaints,
        IReadOnlySet<string> Keys, List<string> Numbers);
}
