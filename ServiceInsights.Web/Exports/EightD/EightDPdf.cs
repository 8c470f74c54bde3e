using System.Globalization;
using Microsoft.Extensions.Localization;
using ServiceInsights.Web.Exports.Pdf;

namespace ServiceInsights.Web.Exports.EightD;

/// <summary>
/// The 8D form as a PDF on the composition layer (docs/decisions/009): the header block as a bordered form grid, D0–D8
/// each with its fields and tables and its open items highlighted under it, the case study when attached, and the
/// sign-off block. Language and formats follow the current UI culture.
/// </summary>
public sealed class EightDPdf(EightDForm form, IStringLocalizer<SharedResource> localizer)
{
    public byte[] Generate() =>
        new PdfReport(new PdfReportHeader($"{form.Title} · {form.Model.Document.Title}", form.Model.GeneratedAt) { Reference = form.Number }, localizer)
            .Compose(ComposeHeader)
            .Compose(ComposeSections)
            .Compose(ComposeSignOff)
            .ToBytes();

    private void ComposeHeader(PdfReport report)
    {
        report.FormGrid(form.Header);
        if (form.HeaderOpenItems.Count > 0)
        {
            report.Highlight(form.L("EightDForm.OpenItems"), form.HeaderOpenItems);
        }
    }

    private void ComposeSections(PdfReport report)
    {
        foreach (var section in form.Sections)
        {
            report.Heading(section.Title);
            if (section.Fields.Count > 0)
            {
                report.FormGrid(section.Fields);
            }

            foreach (var table in section.Tables)
            {
                // A section's only table is captioned by the section heading already.
                if (section.Tables.Count > 1 || section.Fields.Count > 0 || table.Title != section.Title)
                {
                    report.Caption(table.Title);
                }

                report.Table(table.Columns, table.Rows);
            }

            if (section.Text is { } text)
            {
                report.Paragraph(text);
            }

            if (section.OpenItems.Count > 0)
            {
                report.Highlight(form.L("EightDForm.OpenItems"), section.OpenItems);
            }
        }
    }

    /// <summary>Prepared / reviewed / approved side by side, each with its name, date and an empty box to sign in.</summary>
    private void ComposeSignOff(PdfReport report)
    {
        var steps = form.Model.SignOffs;
        var date = form.L("EightDForm.Date");
        var signature = form.L("EightDForm.Signature");
        report.Heading(form.SignOff.Title).FormGrid(
        [
            .. steps.Select(s => new FormField(form.L(s.StepKey), s.Name ?? "")),
            .. steps.Select(s => new FormField(date, s.At is { } at ? CellFormat.Date.FormatCell(at, CultureInfo.CurrentCulture, "", "") : "")),
            // Blank lines make the box tall enough to sign in.
            .. steps.Select(_ => new FormField(signature, "\n\n\n")),
        ], slots: steps.Count);
    }
}
