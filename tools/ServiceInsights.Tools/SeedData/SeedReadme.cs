using System.Globalization;
using System.Text;
using ServiceInsights.Data.Entities;
using ServiceInsights.Data.Import;

namespace ServiceInsights.Tools.SeedData;

/// <summary>The <c>seed-data/README.md</c>, generated with the files so that its row counts are always right.</summary>
internal static class SeedReadme
{
    public static string Render(SeedDataSet data, IReadOnlyList<WrittenSeedFile> files)
    {
        var o = data.Options;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"""
            # Seed data

            A generated year of the engineering service department's (工程服务部) records, in the forms its ticket system and
            Excel export them (docs/IMPORT-FORMAT.md). **Generated — do not edit by hand**: change
            `tools/ServiceInsights.Tools/SeedData/` and regenerate. Customers, people and phone numbers are fictitious.

            - Received dates: {o.From:yyyy-MM-dd} … {o.To:yyyy-MM-dd}, local time (Asia/Shanghai), on the official 2025/2026
              working calendar (holidays and make-up working days of `ServiceInsights.Data/Calendar/cn-*.json`).
            - Exported as of {o.AsOf:yyyy-MM-dd HH:mm}: nothing happens later, so the last tickets, repairs, visits and complaints
              are still open.
            - Random seed {o.Seed}; the generator uses no clock and no Guid, so regenerating gives the same bytes.

            ## Files

            | file | sheet · kind | encoding | headers | value forms | rows |
            | --- | --- | --- | --- | --- | ---: |

            """);
        foreach (var file in files)
        {
            for (var i = 0; i < file.File.Sheets.Count; i++)
            {
                var sheet = file.File.Sheets[i];
                var encoding = file.File.IsXlsx ? "XLSX" : CsvSeedWriter.EncodingName(file.File.Encoding ?? CsvEncoding.Utf8Bom);
                var where = file.File.IsXlsx ? $"{sheet.Name} · {sheet.Kind}" : sheet.Kind.ToString();
                text.Append(CultureInfo.InvariantCulture,
                    $"| `{file.File.Name}` | {where} | {encoding} | {(sheet.Style.ChineseHeaders ? "Chinese" : "English")} | {Forms(sheet)} | {file.RowsPerSheet[i]} |\n");
            }
        }

        text.Append('\n');
        foreach (var file in files)
        {
            text.Append(CultureInfo.InvariantCulture, $"- `{file.File.Name}`: {file.File.Description}.\n");
        }

        text.Append("""

            Columns are every column of the kind in `RecordSchemas` order; an empty cell is an absent value.

            ## What the data exercises

            Everyday records plus named scenarios (`SeedDataGenerator`, `ApplyTicketScenarios`, `CreateComplaints`) put
            records on both sides of every rule of docs/SERVICE-STANDARD.md, and `ServiceInsights.Tests/Tools/SeedData` checks
            that they are there:

            - CS-1a/CS-2: tickets without SMS confirmation; tickets missing an address, contact, phone, serial, purchase date or model.
            - CS-1b: each forbidden phrase (我不知道, 不清楚, 这个不归我管, 这个解决不了, 这不是我负责的) in notes and solutions.
            - CS-3a/b/c: first response at exactly 60/61 business minutes, VIP 30/31/45/52; satisfactory reply at 480/481,
              VIP 240/241/300; replies answered at once (no first response); missing promised-by times; calls outside
              business hours, on weekends, holidays and make-up working days (2026-01-04, 02-14, 02-28, 05-09, 09-20, 10-10).
            - CS-3d/CS-7/OS-2d: phone callbacks within 7 days of resolution and late or missing; weekly and monthly SMS
              callbacks; unreached callbacks (是否接通 = 否); incomplete answers; other needs; callbacks without a ticket number.
            - CS-4: items arriving after hours, over lunch and on non-working days; same-day order and hand-over and not;
              self-made ≤ 5 / purchased ≤ 10 working days and over; imported with an agreed date (kept and missed) and without
              one; repairs across the Spring Festival; daily status updates with gaps; repairs still open at the export.
            - CS-5/OS-1/OS-2: on-site repairs within 2 working days and not; sales dispatches signed before arrival, after it
              and never; late arrivals with and without advance notice; visits without appointment, form or survey.
            - CS-6: quotes tax-inclusive first, tax-exclusive with and without a no-invoice request.
            - CS-8b/CP: complaints from customers and relayed by sales (feedback at 30 and 31 minutes, later, never);
              a repeat by the same customer on day 90 (湖北省荆州市农业农村局) and on day 91 (江西省宜春市农业农村局);
              three within two months (中国水稻研究所, once spelled with a trailing space); threats of an external complaint;
              three media escalations (leader informed with a case study, leader informed without one, open and not reported);
              open complaints; complete and incomplete CAPA; complaints without a ticket number.

            """);
        text.Append('\n').Append(Rulings(data));
        text.Append("""
            ## Regenerate

            ```bash
            dotnet run --project tools/ServiceInsights.Tools -- seed generate            # writes this folder (found from the current directory)
            dotnet run --project tools/ServiceInsights.Tools -- seed generate --out /tmp/seed
            dotnet test ServiceInsights.Tests --filter "FullyQualifiedName~SeedData"
            ```

            `SeedFilesTests.CommittedFilesEqualAFreshGeneration` fails when the generator changed and these files were not
            regenerated.

            """);
        return text.ToString().ReplaceLineEndings("\n");
    }

    /// <summary>
    /// The records on each side of the rulings on the dictionary (docs/SERVICE-STANDARD.md), found in the generated data (the
    /// first in time of each kind), so the names stay right when the generator changes.
    /// </summary>
    private static string Rulings(SeedDataSet data)
    {
        var phone = data.Callbacks.Where(c => c.Method == CallbackMethod.Phone && c.TicketNo is not null).ToLookup(c => c.TicketNo!);
        List<Callback> InWeek(Ticket t) => [.. phone[t.TicketNo].Where(c => c.At >= t.ResolvedAt && c.At <= t.ResolvedAt!.Value.AddDays(7)).OrderBy(c => c.At)];
        var resolved = data.Tickets.Where(t => t.ResolvedAt is not null).OrderBy(t => t.ReceivedAt).ThenBy(t => t.TicketNo, StringComparer.Ordinal).ToList();
        var unreachedOnly = resolved.Where(t => t.ServiceType != ServiceType.Quote && InWeek(t) is { Count: > 0 } calls && calls.All(c => !c.Reached)).ToList();
        var reached = resolved.First(t => t.ServiceType != ServiceType.Quote && InWeek(t).Any(c => c.Reached));
        var quotes = resolved.Where(t => t.ServiceType == ServiceType.Quote).ToList();
        var quoteCalled = quotes.FirstOrDefault(t => InWeek(t).Any(c => c.Reached));
        static (int, int) MonthOf(DateTime at) => (at.Year, at.Month);
        var complaints = data.Complaints.OrderBy(c => c.ReceivedAt).ThenBy(c => c.ComplaintNo, StringComparer.Ordinal).ToList();
        var openAcross = complaints.Where(c => c.ClosedAt is null && MonthOf(c.ReceivedAt) != MonthOf(data.Options.AsOf)).ToList();
        var closedLater = complaints.First(c => c.ClosedAt is { } closed && MonthOf(closed).CompareTo(MonthOf(c.ReceivedAt)) > 0);
        var closedWithin = complaints.First(c => c.ClosedAt is { } closed && MonthOf(closed) == MonthOf(c.ReceivedAt));
        string Calls(Ticket t) => string.Join(", ", InWeek(t).Select(c => $"{c.CallbackNo} 是否接通 = {(c.Reached ? "是" : "否")}"));
        string Time(DateTime at) => at.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"""
            ## Cases on both sides of the rulings on the dictionary

            - Unreached phone callbacks never meet CS-3d, CS-7b or OS-2d ("仅未接通 n 次"): {unreachedOnly.Count} resolved tickets
              have only unreached phone calls in the week after resolution, the first `{unreachedOnly[0].TicketNo}` (resolved
              {Time(unreachedOnly[0].ResolvedAt!.Value)}; {Calls(unreachedOnly[0])}); the other side, a reached call in the week:
              `{reached.TicketNo}` ({Calls(reached)}).
            - CS-3d leaves out 报价 (Quote) tickets: {quotes.Count} resolved quote tickets, the first `{quotes[0].TicketNo}` (resolved
              {Time(quotes[0].ResolvedAt!.Value)}){(quoteCalled is null ? "" : $"; `{quoteCalled.TicketNo}` even had a reached phone call in its week ({Calls(quoteCalled)})")}.
            - Complaints open across a month end: {openAcross.Count} received in an earlier month and still open at the export,
              the first `{openAcross[0].ComplaintNo}` (received {Time(openAcross[0].ReceivedAt)}); `{closedLater.ComplaintNo}` was
              received {Time(closedLater.ReceivedAt)} and closed only {Time(closedLater.ClosedAt!.Value)}; the other side,
              `{closedWithin.ComplaintNo}`, closed in the month it was received.


            """);
        return text.ToString();
    }

    private static string Forms(SeedSheet sheet)
    {
        var s = sheet.Style;
        var fields = sheet.Schema.Fields;
        var parts = new List<string>();
        if (fields.Any(f => f.Type is FieldType.DateTime))
        {
            parts.Add(s.DateTimes == DateTimeForm.Cell
                ? "date cells"
                : $"`{SeedValueFormatter.FormatDateTime(new DateTime(2026, 3, 5, 14, 20, 0), s.DateTimes)}`");
        }

        if (fields.Any(f => f.Type is FieldType.YesNo))
        {
            parts.Add($"{SeedValueFormatter.FormatYesNo(true, s.YesNo)}/{SeedValueFormatter.FormatYesNo(false, s.YesNo)}");
        }

        if (fields.Any(f => f.Type is FieldType.Enum))
        {
            parts.Add(s.ChineseHeaders ? "Chinese enum words" : "English enum aliases");
        }

        if (fields.Any(f => f.Type is FieldType.Satisfaction))
        {
            parts.Add(s.Satisfaction == SatisfactionForm.Words ? "satisfaction 非常满意…" : "satisfaction 1–5");
        }

        return string.Join(", ", parts);
    }
}
