using ClosedXML.Excel;
using ServiceInsights.Data.Persistence;
using ServiceInsights.Data.Reports.Kpi;
using ServiceInsights.Data.Settings;
using ServiceInsights.Tests.Builders;
using ServiceInsights.Web;
using UglyToad.PdfPig;

namespace ServiceInsights.Tests.Exports;

/// <summary>What the report export tests share: the culture, the localizer, the engine over a test database, and the
/// independent readers (PdfPig for text, ClosedXML for cells).</summary>
internal static class ExportReading
{
    public static SettingsStore SettingsOf(TestDatabase database) => new(database.Factory, TestClock.Shanghai);

    /// <summary>Each page's text without white space (PdfPig's spacing of CJK text is not what we test).</summary>
    public static List<string> PdfPages(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return [.. document.GetPages().Select(p => string.Concat(p.Letters.Select(l => l.Value)).Replace(" ", ""))];
    }

    public static string Compact(string text) => text.Replace(" ", "");

    public static XLWorkbook Workbook(byte[] xlsx) => new(new MemoryStream(xlsx));

    /// <summary>The row of the summary sheet's figures table whose first cell is <paramref name="label"/>.</summary>
    public static IXLRow FigureRow(IXLWorksheet summary, string label) =>
        summary.RowsUsed().Single(r => r.Cell(1).GetString() == label);

    /// <summary>Data rows under the header row of a detail sheet.</summary>
    public static int DetailRows(IXLWorksheet sheet) => sheet.LastRowUsed()!.RowNumber() - 1;
}
