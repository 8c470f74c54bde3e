using System.Globalization;

namespace ServiceInsights.Data.Domain.Metrics;

/// <summary>The three rule groups of docs/SERVICE-STANDARD.md.</summary>
public enum MetricGroup { CS, OS, CP }

/// <summary>
/// What a rule says about one record at the as-of time. <see cref="Pending"/>: the deadline has not passed and the rule is
/// not met yet (not eligible, not missed). <see cref="NotEligible"/>: the rule does not apply to the record.
/// </summary>
public enum Verdict { Met, Missed, Pending, NotEligible }

/// <summary>
/// A sentence in Chinese and in English. A rule's reason can be written when first read (<see cref="Lazy"/>): a month's
/// run judges about 730,000 records and keeps only their verdicts; a reason is wanted only for the few verdicts a page or
/// file shows (<see cref="RecordVerdict.Reason"/> judges the record again for it).
/// </summary>
public sealed record BilingualText
{
    private readonly Func<bool, string>? _write;
    private string? _chinese;
    private string? _english;

    public BilingualText(string chinese, string english) => (_chinese, _english) = (chinese, english);

    private BilingualText(Func<bool, string> write) => _write = write;

    /// <summary>A text written on first read by <paramref name="write"/> (true: Chinese, false: English), then kept;
    /// <paramref name="write"/> must only read values that do not change.</summary>
    public static BilingualText Lazy(Func<bool, string> write) => new(write);

    public string Chinese
    {
        get => _chinese ??= _write!(true);
        init => _chinese = value;
    }

    public string English
    {
        get => _english ??= _write!(false);
        init => _english = value;
    }

    public string In(bool chinese) => chinese ? Chinese : English;

    public void Deconstruct(out string chinese, out string english) => (chinese, english) = (Chinese, English);

    public bool Equals(BilingualText? other) => other is not null && Chinese == other.Chinese && English == other.English;

    public override int GetHashCode() => HashCode.Combine(Chinese, English);

    public override string ToString() => English;
}

/// <summary>
/// A verdict with its reason in words. A reason given by <see cref="Of{TState}"/> is kept as the rule's values and a static
/// writer and written only when <see cref="Reason"/> is read: a month's run judges about 730,000 records and reads only
/// their verdicts, so a judgement allocates one small object instead of a closure, its delegate and a text.
/// </summary>
public readonly record struct Evaluation
{
    private readonly BilingualText? _reason;
    private readonly IReasonWriter? _writer;

    public Evaluation(Verdict verdict, BilingualText reason) => (Verdict, _reason) = (verdict, reason);

    private Evaluation(Verdict verdict, IReasonWriter writer) => (Verdict, _writer) = (verdict, writer);

    public Verdict Verdict { get; }

    public BilingualText Reason => _reason ?? BilingualText.Lazy(_writer!.Write);

    /// <summary>A verdict whose reason <paramref name="write"/> (a static lambda: true for Chinese) writes from
    /// <paramref name="state"/> when it is read.</summary>
    public static Evaluation Of<TState>(Verdict verdict, TState state, Func<bool, TState, string> write) => new(verdict, new ReasonWriter<TState>(state, write));

    public static Evaluation Met(string chinese, string english) => new(Verdict.Met, new BilingualText(chinese, english));

    public static Evaluation Missed(string chinese, string english) => new(Verdict.Missed, new BilingualText(chinese, english));

    public static Evaluation Pending(string chinese, string english) => new(Verdict.Pending, new BilingualText(chinese, english));

    public static Evaluation NotEligible(string chinese, string english) => new(Verdict.NotEligible, new BilingualText(chinese, english));

    private interface IReasonWriter
    {
        string Write(bool chinese);
    }

    private sealed class ReasonWriter<TState>(TState state, Func<bool, TState, string> write) : IReasonWriter
    {
        public string Write(bool chinese) => write(chinese, state);
    }
}

/// <summary>
/// What every evaluation needs: the targets in force, the working calendar and the as-of time (local), against which a
/// deadline has passed or not. What is known at as-of is the loader's business (Reports/AsOfWindow): a snapshot holds no
/// record anchored after as-of and no other timestamp after it, so a rule reads every time it is given as happened.
/// </summary>
public sealed record MetricContext(SlaSettings Settings, WorkingCalendar Calendar, DateTime AsOf)
{
    public DateOnly AsOfDate => DateOnly.FromDateTime(AsOf);
}

/// <summary>One rule of the metric dictionary: its ID, group and the target in words.</summary>
public interface IMetricDefinition
{
    string Id { get; }

    MetricGroup Group { get; }

    /// <summary>The record kind the rule counts (ticket, repair, repair day, visit, callback, complaint, quote).</summary>
    Type FactsType { get; }

    BilingualText Target(SlaSettings settings);
}

/// <summary>A rule evaluated on one snapshot record of type <typeparamref name="TFacts"/>.</summary>
public abstract class MetricDefinition<TFacts> : IMetricDefinition
{
    public abstract string Id { get; }

    public abstract MetricGroup Group { get; }

    public Type FactsType => typeof(TFacts);

    public abstract BilingualText Target(SlaSettings settings);

    public abstract Evaluation Evaluate(in TFacts facts, MetricContext context);
}

/// <summary>How reasons write times and numbers (invariant, local times).</summary>
internal static class Words
{
    /// <summary><c>yyyy-MM-dd HH:mm</c>, written digit by digit: a month's report writes millions of these, and the
    /// culture-aware custom format costs several times as much.</summary>
    public static string Time(DateTime local) => string.Create(16, local, static (span, t) =>
    {
        WriteDate(span, t.Year, t.Month, t.Day);
        span[10] = ' ';
        Two(span[11..], t.Hour);
        span[13] = ':';
        Two(span[14..], t.Minute);
    });

    /// <summary><c>yyyy-MM-dd</c>.</summary>
    public static string Date(DateOnly date) => string.Create(10, date, static (span, d) => WriteDate(span, d.Year, d.Month, d.Day));

    private static void WriteDate(Span<char> span, int year, int month, int day)
    {
        Two(span, year / 100);
        Two(span[2..], year % 100);
        span[4] = '-';
        Two(span[5..], month);
        span[7] = '-';
        Two(span[8..], day);
    }

    private static void Two(Span<char> span, int value)
    {
        span[0] = (char)('0' + value / 10);
        span[1] = (char)('0' + value % 10);
    }

    public static string Number(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    public static bool Blank(string? text) => string.IsNullOrWhiteSpace(text);

    /// <summary>"within N days after t": t ≤ x ≤ t + N×24 h.</summary>
    public static bool WithinDaysAfter(DateTime t, DateTime x, int days) => t <= x && x <= t.AddDays(days);
}
