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

    private void ComposeSignOff(PdfReport report) => report.Heading(form.SignOff.Title).Table(form.SignOff.Columns, form.SignOff.Rows);
}
