using ServiceInsights.Tools.Bench;
using ServiceInsights.Tools.SeedData;
using ServiceInsights.Web.Cli;

namespace ServiceInsights.Tools;

/// <summary>The tools' verbs: the seed generator and the benchmarks (figures in docs/performance.md).</summary>
public static class ToolVerbs
{
    public static IReadOnlyList<CliVerb> All { get; } =
    [
        new("seed generate", "seed generate [--out DIR]",
            "Write the deterministic seed files (a year of tickets, repairs, visits, callbacks, complaints, quotes) to DIR "
            + "(default: the repository's seed-data/ folder).", ["out"], SeedVerbs.GenerateAsync),
        new("bench", "bench [--rows N] [--dir D] [--fresh]",
            "Generate N synthetic tickets (default 100000) to a CSV, preview it and then import it into a fresh SQLite database as " +
            "the web's upload does (--fresh: import at once in a fresh process, as the import verb does), print rows/s, wall time, " +
            "CPU and peak memory, then time the sqlite3 shell's .import of the same file and print the ratio.",
            ["rows", "dir", "fresh"], BenchVerbs.BenchAsync, Flags: ["fresh"]),
        new("bench writes", "bench writes [--rows N] [--dir D]",
            "Preview, then import, N synthetic tickets (default 1000000) into a fresh SQLite database while a settings change runs " +
            "every 250 ms on its own connection; print how long those writes waited (median, p95, longest) against the 2 s target.",
            ["rows", "dir"], BenchVerbs.WritesAsync),
        new("bench kpi", "bench kpi [--tickets N] [--month YYYY-MM] [--asof 2026-11-28T09:00] [--dir D]",
            "Build (or reuse, in D) a SQLite database of N tickets (default 1000000: the seed year copied, with its repairs, " +
            "visits, callbacks, complaints and quotes), time one month's full KPI set cold and warm with peak memory, and count two " +
            "rules with hand-written SQL in the sqlite3 shell beside the engine's counts.",
            ["tickets", "month", "asof", "dir"], BenchVerbs.KpiAsync),
        new("bench reports", "bench reports [--tickets N] [--month YYYY-MM] [--asof 2026-11-28T09:00] [--runs N] [--dir D]",
            "Write every report's PDF and Excel for one month of the bench database (built on first use, as for bench kpi) and " +
            "print, for each download in a fresh process, cold and warm wall time, CPU time, peak working set, peak private memory " +
            "and file size against the targets.",
            ["tickets", "month", "asof", "runs", "dir", "only"], BenchVerbs.ReportsAsync),
        new("bench load", "bench load [--tickets N] [--clients C] [--seconds S] [--month YYYY-MM] [--asof 2026-11-28T09:00] [--dir D]",
            "Start the web server on the bench database (built on first use, as for bench kpi), sign in, and have C " +
            "clients (default 20) ask /api/kpi for S seconds (default 60): first with one as-of, then with a different as-of on each " +
            "request; print requests, errors, p50/p95/p99/max latency and the server's peak private memory.",
            ["tickets", "clients", "seconds", "month", "asof", "dir"], LoadBenchVerbs.LoadAsync),
        new("bench month", "bench month [--tickets N] [--month YYYY-MM] [--dir D]",
            "On the bench database (built on first use, as for bench kpi), with the months before stored and the month before " +
            "closed: time the cold dashboard and the cold KPI report downloads (each the first request to a fresh server), the " +
            "closed month's archived download, and the server's private memory after three users open three months and download " +
            "their KPI reports; print each against its target.",
            ["tickets", "month", "dir"], MonthBenchVerbs.MonthAsync),
        new("bench worklist", "bench worklist [--tickets N] [--asof 2026-11-28T09:00] [--dir D]",
            "Open the callback worklist of the staff member with the most tickets, and everyone's, on the bench database (built on " +
            "first use, as for bench kpi) and print cold and warm wall time against the 1 s target.",
            ["tickets", "asof", "dir"], WorklistBenchmark.RunAsync),
        new("bench followups", "bench followups [--tickets N] [--changed N] [--dir D]",
            "On a scratch copy of the bench database (built on first use, as for bench kpi): time the derivation of the follow-up " +
            "items from none, a run with nothing to derive, and the run after an import that makes N satisfied callbacks " +
            "(default 1000) unsatisfied.",
            ["tickets", "changed", "dir"], FollowUpBenchmark.RunAsync),
        new("bench workbook", "bench workbook [--writer spreadcheetah|closedxml] [--rows N] [--out PATH]",
            "Write a month-sized report workbook (summary, three detail sheets of 15 columns, settings) with SpreadCheetah or " +
            "ClosedXML and print wall time, CPU time and peak memory (decision 010).",
            ["writer", "rows", "out"], WorkbookBenchmark.RunAsync),
    ];
}
