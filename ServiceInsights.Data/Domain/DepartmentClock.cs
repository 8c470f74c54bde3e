namespace ServiceInsights.Data.Domain;

/// <summary>
/// The department's time zone and "now": the one place where instants (stored as UTC) become local times and back.
/// </summary>
public sealed class DepartmentClock(TimeZoneInfo timeZone, TimeProvider time)
{
    public const string DefaultTimeZoneId = "Asia/Shanghai";

    public TimeZoneInfo TimeZone { get; } = timeZone;

    public DateTime UtcNow => time.GetUtcNow().UtcDateTime;

    public DateTime LocalNow => ToLocal(UtcNow);

    public DateOnly Today => DateOnly.FromDateTime(LocalNow);

    public ReportMonth CurrentMonth => ReportMonth.From(Today);

    public DateTime ToLocal(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), TimeZone);

    public DateTime? ToLocal(DateTime? utc) => utc is { } value ? ToLocal(value) : null;

    public DateTime ToUtc(DateTime local) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), TimeZone);

    /// <summary>
    /// The instants of a month in the department's time zone as a half-open UTC range [<c>From</c>, <c>To</c>): an
    /// instant belongs to the month when <c>From &lt;= t &amp;&amp; t &lt; To</c>, which a query can run on an indexed UTC column.
    /// </summary>
    public (DateTime From, DateTime To) UtcRange(ReportMonth month) =>
        (ToUtc(month.FirstDay.ToDateTime(TimeOnly.MinValue)), ToUtc(month.Next.FirstDay.ToDateTime(TimeOnly.MinValue)));

    /// <summary>Resolves an IANA or Windows time-zone id; throws with the id in the message when unknown.</summary>
    public static TimeZoneInfo FindTimeZone(string? id)
    {
        var name = string.IsNullOrWhiteSpace(id) ? DefaultTimeZoneId : id.Trim();
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(name);
        }
        catch (TimeZoneNotFoundException)
        {
            throw new InvalidOperationException($"Department:TimeZone '{name}' is not a known time zone.");
        }
    }
}
