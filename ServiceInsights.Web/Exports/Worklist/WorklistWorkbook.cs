using System.Globalization;
using ClosedXML.Excel;
using ServiceInsights.Data.Entities;
using ServiceInsights.Data.Import;
using ServiceInsights.Data.Sms;
using ServiceInsights.Data.Worklist;

namespace ServiceInsights.Web.Exports.Worklist;

/// <summary>
/// The worklist as a 回访记录 import file (docs/IMPORT-FORMAT.md): one row per ticket and channel (a phone call serves
/// CS-3d, CS-7b and OS-2d at once), the known columns filled, the result columns empty with drop-down lists of the import's
/// words. Staff fill it in and import it through the normal import; a row left empty is skipped (未填写).
/// </summary>
public static class WorklistWorkbook
{
    /// <summary>The columns the staff fill in, in the import format's order: everything from 回访时间 on but 回访人.</summary>
    public static IReadOnlyList<ImportField> ResultFields { get; } = RecordSchemas.Callbacks.ResultFields;

    public static IReadOnlyList<string> YesNoWords { get; } = ["是", "否"];

    public static IReadOnlyList<string> SatisfactionWords { get; } = ["非常满意", "满意", "一般", "不满意", "非常不满意"];

    public static string FileName(CallbackWorklist worklist) =>
        $"回访工作表-{worklist.AsOf.ToString("yyyyMMdd-HHmm", CultureInfo.InvariantCulture)}.xlsx";

    /// <summary>
    /// The callback number of a row: the ticket, the as-of minute of the download and the channel (D 电话, S 短信). A new
    /// download makes new numbers, so filling in a later list never overwrites an earlier attempt; the same list imported
    /// twice changes nothing.
    /// </summary>
    public static string CallbackNo(string key, CallbackChannel channel, DateTime asOf) =>
        $"{key}-{asOf.ToString("yyMMddHHmm", CultureInfo.InvariantCulture)}-{(channel == CallbackChannel.Phone ? "D" : "S")}";

    /// <summary>One row per ticket (or visit without a ticket) and channel, in the list's order.</summary>
    public static IReadOnlyList<WorklistCall> Calls(CallbackWorklist worklist) =>
    [
        .. worklist.Items.GroupBy(i => (Key: i.TicketNo ?? i.DispatchNo ?? "", i.Channel))
            .Select(g => new WorklistCall(g.Key.Key, g.Key.Channel, [.. g], g.First().Ticket, g.First().Staff)),
    ];

    public static byte[] Write(CallbackWorklist worklist)
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.AddWorksheet(RecordSchemas.Callbacks.ChineseName);
        var fields = RecordSchemas.Callbacks.Fields;
        for (var c = 0; c < fields.Count; c++)
        {
            sheet.Cell(1, c + 1).Value = fields[c].Chinese;
            sheet.Cell(1, c + 1).Style.Font.Bold = true;
        }

        var calls = Calls(worklist);
        for (var r = 0; r < calls.Count; r++)
        {
            var call = calls[r];
            var values = new Dictionary<string, string?>
            {
                [nameof(Callback.CallbackNo)] = CallbackNo(call.Key, call.Channel, worklist.AsOf),
                [nameof(Callback.TicketNo)] = call.Items[0].TicketNo,
                [nameof(Callback.Customer)] = call.Ticket?.Customer,
                [nameof(Callback.ProductName)] = call.Ticket?.ProductName,
                [nameof(Callback.Model)] = call.Ticket?.Model,
                [nameof(Callback.Method)] = Method(call, worklist.AsOf),
                [nameof(Callback.Staff)] = call.Staff,
            };
            for (var c = 0; c < fields.Count; c++)
            {
                if (values.GetValueOrDefault(fields[c].Property) is { } value)
                {
                    // Text, so a ticket number such as 0012 keeps its zeros.
                    sheet.Cell(r + 2, c + 1).SetValue(value);
                }
            }
        }

        var last = Math.Max(calls.Count + 1, 2);
        for (var column = 1; column <= fields.Count; column++)
        {
            var field = fields[column - 1];
            var range = sheet.Range(2, column, last, column);
            var words = field.Type switch
            {
                FieldType.YesNo => YesNoWords,
                FieldType.Satisfaction => SatisfactionWords,
                FieldType.Enum => field.EnumWords.Select(w => w.Chinese).ToList(),
                _ => null,
            };
            if (words is not null)
            {
                var validation = range.SetDataValidation();
                validation.List($"\"{string.Join(",", words)}\"", true);
                validation.ErrorTitle = field.Chinese;
                validation.ErrorMessage = string.Join(" / ", words);
            }
            else if (field.Type == FieldType.DateTime)
            {
                range.Style.NumberFormat.Format = "yyyy-mm-dd hh:mm";
            }
        }

        sheet.SheetView.FreezeRows(1);
        // Fixed widths: measuring the contents needs GDI+, which a Linux server does not have.
        sheet.Columns(1, fields.Count).Width = 14;
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    /// <summary>电话 for a phone call; for an SMS, 短信周回访 in the week after resolution, 短信月回访 after it (CS-7a takes both).</summary>
    private static string Method(WorklistCall call, DateTime asOf) => call.Channel == CallbackChannel.Phone ? "电话"
        : WorklistSmsQuery.KindFor(call.Items[0], asOf) == SmsTemplateKind.Weekly ? "短信周回访" : "短信月回访";
}

/// <summary>One call to make: a ticket (or a visit without a ticket) and a channel, with the duties it serves.</summary>
public sealed record WorklistCall(string Key, CallbackChannel Channel, IReadOnlyList<WorklistItem> Items, WorklistTicket? Ticket, string? Staff);
