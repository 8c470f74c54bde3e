using System.Globalization;
using System.Text;
using System.Text.Json;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Domain.Metrics;
using ServiceInsights.Data.MonthClose;
using ServiceInsights.Data.Settings;

namespace ServiceInsights.Data.Reports.Kpi;

/// <summary>
/// A month's KPI report with the settings and working calendar in force: the one entry point for the dashboard, the
/// <c>kpi</c> verb and <c>/api/kpi/{month}</c>, so every surface shows the same numbers. At most
/// <paramref name="maxConcurrentRuns"/> engine runs go at once in the process; the others wait their turn: a run holds a
/// month of records and takes a core, and twenty at once only made each slower and the process larger (issue #20).
/// </summary>
public sealed class KpiService(MetricQuery query, SettingsStore settings, DepartmentClock clock, int maxConcurrentRuns = KpiService.DefaultMaxConcurrentRuns)
{
    public const int DefaultMaxConcurrentRuns = 2;

    private readonly SemaphoreSlim _runs = new(Math.Max(1, maxConcurrentRuns));

    /// <param name="asOfLocal">The as-of in the department's local time; now when null.</param>
    public Task<KpiReport> RunAsync(ReportMonth month, DateTime? asOfLocal = null, CancellationToken cancellationToken = default) =>
        RunAsync(month, asOfLocal, keepVerdicts: true, cancellationToken);

    /// <summary>The month's counts and rates without verdicts (<see cref="KpiReport.Summary"/>), for a trend.</summary>
    /// <param name="asOfLocal">The as-of in the department's local time; now when null.</param>
    public Task<KpiReport> SummarizeAsync(ReportMonth month, DateTime? asOfLocal = null, CancellationToken cancellationToken = default) =>
        RunAsync(month, asOfLocal, keepVerdicts: false, cancellationToken);

    private async Task<KpiReport> RunAsync(ReportMonth month, DateTime? asOfLocal, bool keepVerdicts, CancellationToken cancellationToken)
    {
        var asOfUtc = asOfLocal is { } local ? clock.ToUtc(local) : clock.UtcNow;
        var sla = await settings.GetSlaAsync(cancellationToken);
        var calendar = await settings.GetCalendarAsync(cancellationToken);
        var targets = await settings.GetTargetRatesAsync(cancellationToken);
        await _runs.WaitAsync(cancellationToken);
        try
        {
            var report = await query.RunAsync(month, asOfUtc, sla, calendar, keepVerdicts, cancellationToken);
            return report with { Targets = targets };
        }
        finally
        {
            _runs.Release();
        }
    }

    /// <summary>
    /// The report as one JSON object: <c>{"month":"2026-10","asOf":"2026-11-27T00:00","calendarComplete":true,
    /// "closed":false,"metrics":[{"id":"CS-3a","eligible":212,"met":187,"pending":3,"rate":0.882,"target":"…",
    /// "targetRate":0.95,"status":"below"}, …]}</c> — one entry per rule ID of the dictionary, the rate rounded to three
    /// decimals (null when nothing is eligible), the target rate of the month's year and the rate's <see cref="RateStatus"/>
    /// in lower case. <c>"closed": true</c> when the figures are a closed month's frozen ones (<paramref name="closed"/>),
    /// with <c>closedAt</c> and <c>closedBy</c>.
    /// </summary>
    public static string ToJson(KpiReport report, bool chinese = false, ClosedMonth? closed = null)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("month", report.Month.ToString());
            json.WriteString("asOf", report.AsOf.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));
            json.WriteBoolean("calendarComplete", report.CalendarComplete);
            json.WriteBoolean("closed", closed is not null);
            if (closed is not null)
            {
                json.WriteString("closedAt", closed.ClosedAt.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));
                json.WriteString("closedBy", closed.ClosedBy);
            }

            json.WriteStartArray("metrics");
            foreach (var metric in report.Results)
            {
                json.WriteStartObject();
                json.WriteString("id", metric.Id);
                json.WriteNumber("eligible", metric.Eligible);
                json.WriteNumber("met", metric.Met);
                json.WriteNumber("pending", metric.Pending);
                if (metric.Rate is { } rate)
                {
                    json.WriteNumber("rate", Math.Round(rate, 3));
                }
                else
                {
                    json.WriteNull("rate");
                }

                json.WriteString("target", chinese ? metric.Target.Chinese : metric.Target.English);
                json.WriteNumber("targetRate", Math.Round(report.TargetRateOf(metric.Id), 3));
                json.WriteString("status", report.StatusOf(metric).ToString().ToLowerInvariant());
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
