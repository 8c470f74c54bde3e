using System.Globalization;
using Microsoft.Extensions.Localization;
using ServiceInsights.Data.Domain.Metrics;
using ServiceInsights.Data.EightD;
using ServiceInsights.Data.Entities;
using ServiceInsights.Web.Exports.Pdf;
using ServiceInsights.Web.Hosting;

namespace ServiceInsights.Web.Exports.EightD;

/// <summary>One step of the sign-off block: who took it and when (department time), from the status history; null when not yet taken.</summary>
public sealed record EightDSignOff(string StepKey, string? Name, DateTime? At);

/// <summary>What the 8D outputs are made from: the report as loaded, its sign-off, its linked records and when the file was made.</summary>
public sealed record EightDExportModel(
    EightDDocument Document, IReadOnlyList<EightDSignOff> SignOffs, IReadOnlyList<EightDLinkedRecord> Records, DateTime GeneratedAt);

/// <summary>A table of the form: its caption and columns (declared once, for the PDF and the sheet) and its rows as cell values.</summary>
public sealed record FormTable(string Title, IReadOnlyList<ReportColumn<object?[]>> Columns, IReadOnlyList<object?[]> Rows)
{
    public static FormTable Of<TRow>(string title, IReadOnlyList<ReportColumn<TRow>> columns, IEnumerable<TRow> rows) =>
        new(title, [.. columns.Select((c, i) => new ReportColumn<object?[]>(c.Header, r => r[i], c.Format, c.Width))],
            [.. rows.Select(row => columns.Select(c => c.Value(row)).ToArray())]);
}

/// <summary>One discipline of the form: heading, label–value fields, tables, a paragraph and the section's open items.</summary>
public sealed record FormSection(
    EightDSection Section, string Title, IReadOnlyList<FormField> Fields, IReadOnlyList<FormTable> Tables, IReadOnlyList<string> OpenItems)
{
    public string? Text { get; init; }
}

/// <summary>
/// The 8D form as both outputs lay it out (<see cref="EightDPdf"/>, <see cref="EightDSheet"/>): the header fields, the
/// sections D0–D8 (and the case study), the sign-off table. Built in the current UI culture; bilingual texts of the
/// records (open items, class reasons, statuses) are picked by it. A value the records do not hold is marked open.
/// </summary>
public sealed class EightDForm
{
    private readonly IStringLocalizer<SharedResource> _l;
    private readonly bool _chinese = Localization.IsChinese();
    private readonly CultureInfo _culture = CultureInfo.CurrentCulture;

    private EightDForm(EightDExportModel model, IStringLocalizer<SharedResource> localizer)
    {
        _l = localizer;
        Model = model;
        var doc = model.Document;
        var open = doc.Content.OpenItems.Where(o => !o.Resolved).Concat(EightDRules.Pending(doc.Content)).ToList();
        Header = HeaderFields(doc);
        HeaderOpenItems = open.Where(o => o.Section is EightDSection.Header or EightDSection.OpenItems or EightDSection.CaseStudy)
            .Select(o => Pick(o.Text)).ToList();
        Sections = BuildSections(doc.Content, open);
        SignOff = FormTable.Of(L("EightDForm.SignOff"),
        [
            new ReportColumn<EightDSignOff>(L("EightDForm.SignOff.Step"), s => L(s.StepKey), Width: 1),
            new(L("EightDForm.Name"), s => s.Name, Width: 1.4),
            new(L("EightDForm.Date"), s => s.At, CellFormat.Date, 1),
            new(L("EightDForm.Signature"), _ => null, Width: 1.6),
        ], model.SignOffs);
        Records = FormTable.Of(L("EightDForm.LinkedRecords"),
        [
            new ReportColumn<EightDLinkedRecord>(L("EightDForm.Kind"), r => L($"EightDForm.Record.{r.Kind}"), Width: 0.7),
            new(L("EightDForm.RecordNo"), r => r.Number, Width: 1.3),
            new(L("EightDForm.ReceivedAt"), r => r.ReceivedAt, CellFormat.DateTime, 1.1),
            new(L("EightDForm.Tickets"), r => r.TicketNo, Width: 1.2),
            new(L("EightDForm.Customers"), r => r.Customer, Width: 1.2),
            new(L("EightDForm.Product"), r => r.Product, Width: 1),
            new(L("EightDForm.Model"), r => r.Model, Width: 0.9),
            new(L("EightDForm.SerialNumbers"), r => r.SerialNo, Width: 1),
            new(L("EightDForm.Description"), r => r.Text, Width: 2),
            new(L("EightDForm.Person"), r => r.Person, Width: 0.8),
            new(L("EightDForm.DoneAt"), r => r.ClosedAt, CellFormat.DateTime, 1.1),
        ], model.Records);
    }

    public static EightDForm Build(EightDExportModel model, IStringLocalizer<SharedResource> localizer) => new(model, localizer);

    public EightDExportModel Model { get; }
    public string Number => Model.Document.Number;
    public string Title => L("EightDForm.Title");
    public IReadOnlyList<FormField> Header { get; }
    public IReadOnlyList<string> HeaderOpenItems { get; }
    public IReadOnlyList<FormSection> Sections { get; }
    public FormTable SignOff { get; }
    public FormTable Records { get; }

    public string L(string key) => _l[key].Value;

    private string Pick(BilingualText text) => _chinese ? text.Chinese : text.English;

    private IReadOnlyList<FormField> HeaderFields(EightDDocument doc)
    {
        var h = doc.Content.Header;
        var links = doc.Links;
        string Numbers(EightDLinkKind kind) => string.Join(", ", links.Where(l => l.Kind == kind).Select(l => l.Number));
        var fields = new List<FormField>
        {
            new(L("EightDForm.Number"), doc.Number),
            new(L("EightDForm.Status"), Pick(EightDStatusFlow.Words(doc.Status))),
            Field("EightDForm.ReportTitle", h.Title, span: 2),
            Field("EightDForm.Complaints", Numbers(EightDLinkKind.Complaint)),
            Field("EightDForm.Tickets", Numbers(EightDLinkKind.Ticket)),
            Field("EightDForm.Repairs", Numbers(EightDLinkKind.Repair), span: 2),
            Field("EightDForm.Customers", Join(h.Customers), span: 2),
            Field("EightDForm.Product", Join(h.Products)),
            Field("EightDForm.Model", Join(h.Models)),
            Field("EightDForm.SerialNumbers", Join(h.SerialNumbers), span: 2),
            Field("EightDForm.ComplaintClass", h.ComplaintClass is { } c ? _l[$"ComplaintSummary.Class{c}"].Value : ""),
            Field("EightDForm.ClassReason", h.ComplaintClassReason is { } reason ? Pick(reason) : ""),
            Field("EightDForm.Origin", h.Origin is { } origin ? L($"EightDForm.Origin.{origin}") : ""),
            Field("EightDForm.OriginOwner", string.Join(", ", h.Responsible.Select(r => $"{r.Text} ({string.Join(", ", r.Sources)})"))),
            Field("EightDForm.Owner", h.Owner.Length > 0 ? h.Owner : doc.Owner),
            Field("EightDForm.OpenedOn", Date(h.OpenedOn == default ? DateOnly.FromDateTime(doc.CreatedAt) : h.OpenedOn)),
        };
        if (h.FaultCause is { Length: > 0 } cause)
        {
            fields.Add(new(L("EightDForm.FaultCause"), cause));
        }

        if (h.PeriodFrom is { } from && h.PeriodTo is { } to)
        {
            fields.Add(new(L("EightDForm.Period"), $"{Date(from)} – {Date(to)}"));
        }

        return fields;
    }

    private List<FormSection> BuildSections(EightDContent c, List<OpenItem> open)
    {
        IReadOnlyList<string> Open(EightDSection section) => open.Where(o => o.Section == section).Select(o => Pick(o.Text)).ToList();
        var sections = new List<FormSection>
        {
            new(EightDSection.D0, L("EightDForm.D0"), [Field("EightDForm.Symptom", c.D0.Symptom, span: 2)],
                [Sourced(L("EightDForm.EmergencyActions"), c.D0.EmergencyActions)], Open(EightDSection.D0)),
            new(EightDSection.D1, L("EightDForm.D1"), [],
            [
                FormTable.Of(L("EightDForm.D1"),
                [
                    new ReportColumn<TeamMember>(L("EightDForm.Role"), m => L($"EightDForm.Role.{m.Role}"), Width: 0.8),
                    new(L("EightDForm.Name"), m => m.Name, Width: 1.2),
                    new(L("EightDForm.Sources"), m => string.Join(", ", m.Sources), Width: 3),
                ], c.D1.Members.OrderBy(m => m.Role)),
            ], Open(EightDSection.D1)),
            new(EightDSection.D2, L("EightDForm.D2"), ProblemFields(c.D2), [Timeline(c.D2), IsIsNot(c.D2)], Open(EightDSection.D2)),
            new(EightDSection.D3, L("EightDForm.D3"), [],
            [
                FormTable.Of(L("EightDForm.D3"),
                [
                    new ReportColumn<ContainmentAction>(L("EightDForm.Action"), a => a.Action, Width: 3),
                    new(L("EightDForm.Owner"), a => a.Owner, Width: 1),
                    new(L("EightDForm.Date"), a => a.Date, CellFormat.Date, 0.9),
                    new(L("EightDForm.Effectiveness"), a => a.EffectivenessPercent / 100.0, CellFormat.Percent, 0.8),
                ], c.D3.Actions),
            ], Open(EightDSection.D3)),
            new(EightDSection.D4, L("EightDForm.D4"), [], [Sourced(L("EightDForm.Candidates"), c.D4.Candidates), Causes(c.D4)], Open(EightDSection.D4)),
            new(EightDSection.D5, L("EightDForm.D5"), [], [.. Recorded(L("EightDForm.RecordedCorrective"), c.D5.Recorded), Actions(c)], Open(EightDSection.D5)),
            new(EightDSection.D6, L("EightDForm.D6"), [], [Steps(c)], Open(EightDSection.D6)),
            new(EightDSection.D7, L("EightDForm.D7"), [], [.. Recorded(L("EightDForm.RecordedPreventive"), c.D7.Recorded), Prevention(c.D7)], Open(EightDSection.D7)),
            new(EightDSection.D8, L("EightDForm.D8"),
            [
                Field("EightDForm.Summary", c.D8.Summary, span: 2),
                Field("EightDForm.Recognition", c.D8.Recognition, span: 2),
                Field("EightDForm.ClosedOn", c.D8.ClosedOn is { } closed ? Date(closed) : ""),
            ], [], Open(EightDSection.D8)),
        };
        if (!string.IsNullOrWhiteSpace(c.CaseStudy))
        {
            sections.Add(new(EightDSection.CaseStudy, L("EightDForm.CaseStudy"), [], [], []) { Text = c.CaseStudy });
        }

        return sections;
    }

    private List<FormField> ProblemFields(D2Problem d2)
    {
        var when = d2.FirstOccurrence is { } first
            ? d2.LastOccurrence is { } last && last != first ? $"{Stamp(first)} – {Stamp(last)}" : Stamp(first)
            : "";
        var m = d2.HowMany;
        return
        [
            Field("EightDForm.What", d2.What, span: 2),
            Field("EightDForm.Where", Join(d2.WhereRegions)),
            Field("EightDForm.When", when),
            Field("EightDForm.Who", Join(d2.Who)),
            Field("EightDForm.Why", d2.Why),
            Field("EightDForm.How", d2.How),
            new(L("EightDForm.HowMany"), _l["EightDForm.HowManyValue", m.Complaints, m.Repairs, m.Tickets, m.Units, m.SerialNumbers].Value),
            Field("EightDForm.ProblemStatement", d2.ProblemStatement, span: 2),
        ];
    }

    private FormTable Timeline(D2Problem d2) => FormTable.Of(L("EightDForm.Timeline"),
    [
        new ReportColumn<TimelineEntry>(L("EightDForm.At"), e => e.At, CellFormat.DateTime, 1.1),
        new(L("EightDForm.Kind"), e => L($"EightDForm.Record.{e.Kind}"), Width: 0.7),
        new(L("EightDForm.RecordNo"), e => e.Number, Width: 1.2),
        new(L("EightDForm.Text"), e => e.Text, Width: 3),
        new(L("EightDForm.Repeat"), e => e.Repeat, Width: 0.5),
    ], d2.Timeline.OrderBy(e => e.At));

    private FormTable IsIsNot(D2Problem d2) => FormTable.Of(L("EightDForm.IsIsNot"),
    [
        new ReportColumn<IsIsNotRow>(L("EightDForm.Dimension"), r => L($"EightDForm.Dimension.{r.Dimension}"), Width: 0.7),
        new(L("EightDForm.Is"), r => string.Join("\n", r.Is), Width: 2.4),
        new(L("EightDForm.IsNot"), r => string.Join("\n", r.IsNot), Width: 2.4),
        new(L("EightDForm.Sources"), r => string.Join(", ", r.Sources), Width: 1.1),
    ], d2.IsIsNot);

    private FormTable Causes(D4RootCauses d4) => FormTable.Of(L("EightDForm.Causes"),
    [
        new ReportColumn<RootCause>("#", r => r.Id, CellFormat.Integer, 0.3),
        new(L("EightDForm.CauseKind"), r => L($"EightDForm.Cause.{r.Kind}"), Width: 0.9),
        new(L("EightDForm.Description"), r => r.Description, Width: 1.8),
        new(L("EightDForm.FiveWhy"), r => FiveWhy(r.Whys), Width: 2.6),
        new(L("EightDForm.Contribution"), r => r.ContributionPercent / 100.0, CellFormat.Percent, 0.8),
    ], d4.Causes.OrderBy(r => r.Kind).ThenBy(r => r.Id));

    private FormTable Actions(EightDContent c)
    {
        var causes = c.D4.Causes.ToDictionary(r => r.Id);
        return FormTable.Of(L("EightDForm.D5"),
        [
            new ReportColumn<PermanentAction>("#", a => a.Id, CellFormat.Integer, 0.3),
            new(L("EightDForm.Action"), a => a.Action, Width: 2),
            new(L("EightDForm.LinkedCause"), a => a.CauseId is { } id ? causes.TryGetValue(id, out var cause) ? $"#{id} {cause.Description}" : $"#{id}" : null, Width: 1.4),
            new(L("EightDForm.Owner"), a => a.Owner, Width: 0.8),
            new(L("EightDForm.Verification"), a => a.Verification, Width: 1.4),
            new(L("EightDForm.VerifiedOn"), a => a.VerifiedOn, CellFormat.Date, 0.8),
        ], c.D5.Actions);
    }

    private FormTable Steps(EightDContent c)
    {
        var actions = c.D5.Actions.ToDictionary(a => a.Id);
        return FormTable.Of(L("EightDForm.D6"),
        [
            new ReportColumn<ImplementationStep>(L("EightDForm.Action"),
                s => actions.TryGetValue(s.ActionId, out var a) ? $"#{a.Id} {a.Action}" : $"#{s.ActionId}", Width: 2.2),
            new(L("EightDForm.PlannedOn"), s => s.PlannedOn, CellFormat.Date, 0.8),
            new(L("EightDForm.ActualOn"), s => s.ActualOn, CellFormat.Date, 0.8),
            new(L("EightDForm.Validation"), s => s.Validation, Width: 1.8),
            new(L("EightDForm.ValidatedOn"), s => s.ValidatedOn, CellFormat.Date, 0.8),
        ], c.D6.Steps);
    }

    private FormTable Prevention(D7Prevention d7) => FormTable.Of(L("EightDForm.PreventionItems"),
    [
        new ReportColumn<PreventionItem>(L("EightDForm.Document"), p => L($"EightDForm.Document.{p.Document}"), Width: 1),
        new(L("EightDForm.Change"), p => p.Change, Width: 2.6),
        new(L("EightDForm.Owner"), p => p.Owner, Width: 0.8),
        new(L("EightDForm.DueOn"), p => p.DueOn, CellFormat.Date, 0.8),
        new(L("EightDForm.DoneOn"), p => p.DoneOn, CellFormat.Date, 0.8),
    ], d7.Items);

    /// <summary>Texts taken from the records; shown only when the records hold some (the 8D's own table follows).</summary>
    private IEnumerable<FormTable> Recorded(string title, List<SourcedText> texts) => texts.Count == 0 ? [] : [Sourced(title, texts)];

    private FormTable Sourced(string title, List<SourcedText> texts) => FormTable.Of(title,
    [
        new ReportColumn<SourcedText>(L("EightDForm.Text"), s => s.Text, Width: 3),
        new(L("EightDForm.Sources"), s => string.Join(", ", s.Sources), Width: 1.2),
        new(L("EightDForm.At"), s => s.At, CellFormat.DateTime, 1),
    ], texts);

    private static string FiveWhy(IEnumerable<string> whys) =>
        string.Join("\n", whys.Select((w, i) => (w, i)).Where(x => !string.IsNullOrWhiteSpace(x.w)).Select(x => $"{x.i + 1}. {x.w.Trim()}"));

    /// <summary>A field whose empty value reads "not recorded" and is marked open.</summary>
    private FormField Field(string labelKey, string? value, int span = 1) => string.IsNullOrWhiteSpace(value)
        ? new(L(labelKey), L("EightDForm.NotRecorded"), span, Open: true)
        : new(L(labelKey), value.Trim(), span);

    private static string Join(IEnumerable<string> values) => string.Join(", ", values.Where(v => !string.IsNullOrWhiteSpace(v)));

    private string Date(DateOnly date) => date.ToString("d", _culture);

    private string Stamp(DateTime at) => CellFormat.DateTime.FormatCell(at, _culture, "", "");
}
