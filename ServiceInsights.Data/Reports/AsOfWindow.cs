using ServiceInsights.Data.Domain;

namespace ServiceInsights.Data.Reports;

/// <summary>
/// What a month's report knows at its as-of (docs/SERVICE-STANDARD.md, "What is known at as-of"), the one statement of the
/// rule that every report's loading applies, so that no rule has to remember it and a past month's figures stay the same
/// after later imports:
/// <list type="bullet">
/// <item>a record is part of the month when its anchor time (ticket and complaint received, repair received, visit ordered,
/// callback time, quote time) lies in [<see cref="From"/>, <see cref="Until"/>): the month's instants up to as-of; a record
/// anchored later had not happened yet;</item>
/// <item>any other timestamp after as-of is read as empty (<see cref="Known"/>): a reply, a callback, a status update or a
/// completion made later was not known yet;</item>
/// <item>planned times (an appointment, a promised-by time, an agreed due date) are read as they are.</item>
/// </list>
/// All UTC, as stored, so the range runs on the indexed anchor columns.
/// </summary>
public readonly record struct AsOfWindow(DateTime From, DateTime Until, DateTime AsOfUtc)
{
    public static AsOfWindow Of(ReportMonth month, DateTime asOfUtc, DepartmentClock clock)
    {
        var (from, to) = clock.UtcRange(month);
        // An anchor at as-of itself is known (≤ as-of): the half-open range ends one tick after it, or at the month's end.
        var afterAsOf = asOfUtc.AddTicks(1);
        return new AsOfWindow(from, afterAsOf < to ? afterAsOf : to, asOfUtc);
    }

    /// <summary>The timestamp when it happened by as-of; null (not known yet) when it lies after as-of or is empty.</summary>
    public DateTime? Known(DateTime? utc) => utc <= AsOfUtc ? utc : null;

    /// <summary>Whether an event at <paramref name="utc"/> had happened by as-of.</summary>
    public bool IsKnown(DateTime utc) => utc <= AsOfUtc;
}
