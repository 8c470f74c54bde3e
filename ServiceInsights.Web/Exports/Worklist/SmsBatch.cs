using System.Text;
using ClosedXML.Excel;
using ServiceInsights.Data.Sms;

namespace ServiceInsights.Web.Exports.Worklist;

/// <summary>
/// The worklist's SMS texts for the company's SMS gateway: a CSV of phone and text (UTF-8 with BOM, RFC 4180 quoting) and an
/// XLSX of the same rows with the ticket, length and segments. Only sendable texts (<see cref="SmsMessage.Sendable"/>): a text
/// with a blank where a record gave no value, or without a phone to send it to, stays on the page with what is missing.
/// </summary>
public static class SmsBatch
{
    public static readonly string[] Headers = ["手机号码", "短信内容"];

    public static string FileName(DateTime asOf, string extension) => $"回访短信-{asOf:yyyyMMdd-HHmm}.{extension}";

    public static byte[] Csv(IReadOnlyList<SmsMessage> messages)
    {
        var text = new StringBuilder();
        text.Append(string.Join(",", Headers)).Append("\r\n");
        foreach (var message in messages.Where(m => m.Sendable))
        {
            text.Append(Quote(message.Phone ?? "")).Append(',').Append(Quote(message.Text)).Append("\r\n");
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    public static byte[] Xlsx(IReadOnlyList<SmsMessage> messages)
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.AddWorksheet("短信");
        string[] headers = [.. Headers, "工单号", "客服", "字数", "条数"];
        for (var c = 0; c < headers.Length; c++)
        {
            sheet.Cell(1, c + 1).Value = headers[c];
            sheet.Cell(1, c + 1).Style.Font.Bold = true;
        }

        var sendable = messages.Where(m => m.Sendable).ToList();
        for (var r = 0; r < sendable.Count; r++)
        {
            var message = sendable[r];
            sheet.Cell(r + 2, 1).SetValue(message.Phone ?? "");
            sheet.Cell(r + 2, 2).SetValue(message.Text);
            sheet.Cell(r + 2, 3).SetValue(message.Item.TicketNo ?? "");
            sheet.Cell(r + 2, 4).SetValue(message.Item.Staff ?? "");
            sheet.Cell(r + 2, 5).Value = message.Length;
            sheet.Cell(r + 2, 6).Value = message.Segments;
        }

        sheet.Column(1).Width = 16;
        sheet.Column(2).Width = 80;
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    private static string Quote(string value) => value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
}
