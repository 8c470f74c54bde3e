namespace ServiceInsights.Data.Domain.Metrics;

/// <summary>
/// One record's verdict under one rule, with what the break-downs group by. A month's report holds about 730,000 of
/// these on the 1M-ticket database, so a verdict is a view: a rule's verdicts are kept as one number each (the record's
/// position among the rule's records, and the verdict) in <see cref="RuleVerdicts{T}"/>, which holds no reference per
/// verdict for the collector to trace. The key, staff, model and VIP flag are read from the record's snapshot, and the reason
/// is written when read, by judging the record again (rules are pure functions of the snapshot and the context).
/// </summary>
public readonly struct RecordVerdict
{
    private readonly IVerdictRecords _records;
    private readonly int _index;

    internal RecordVerdict(IVerdictRecords records, int index, Verdict verdict) => (_records, _index, Verdict) = (records, index, verdict);

    /// <summary>A verdict given in full (tests, hand-made rows).</summary>
    public RecordVerdict(string key, string? staff, string? model, bool vip, Verdict verdict, BilingualText reason) =>
        (_records, _index, Verdict) = (new GivenRecord(key, staff, model, vip, reason), 0, verdict);

    /// <summary>The snapshot the rule judged (<see cref="TicketFacts"/>, <see cref="CallbackFacts"/>, …), boxed on each read.</summary>
    public IRecordFacts Record => _records.Record(_index);

    public string Key => _records.Key(_index);

    public string? Staff => _records.Staff(_index);

    public string? Model => _records.Model(_index);

    public bool Vip => _records.Vip(_index);

    public Verdict Verdict { get; }

    public BilingualText Reason => _records.ReasonOf(_index);

    private sealed record GivenRecord(string Key, string? Staff, string? Model, bool Vip, BilingualText Reason) : IRecordFacts, IVerdictRecords
    {
        IRecordFacts IVerdictRecords.Record(int index) => this;

        string IVerdictRecords.Key(int index) => Key;

        string? IVerdictRecords.Staff(int index) => Staff;

        string? IVerdictRecords.Model(int index) => Model;

        bool IVerdictRecords.Vip(int index) => Vip;

        public BilingualText ReasonOf(int index) => Reason;
    }
}

/// <summary>The records behind a rule's verdicts, by position: what a verdict shows of its record, and the reason written
/// when read.</summary>
internal interface IVerdictRecords
{
    IRecordFacts Record(int index);

    string Key(int index);

    string? Staff(int index);

    string? Model(int index);

    bool Vip(int index);

    BilingualText ReasonOf(int index);
}

/// <summary>
/// A rule's verdicts on the records it applies to, in the records' order: each one number (the record's position shifted
/// left by two, the verdict in the low two bits) in one array with no references, and the records they point into (read
/// in place, never boxed, but for <see cref="Record"/>).
/// </summary>
internal sealed class RuleVerdicts<T>(MetricDefinition<T> definition, MetricContext context, T[] records, int[] verdicts, int count)
    : IReadOnlyList<RecordVerdict>, IVerdictRecords where T : IRecordFacts
{
    public static int Pack(int index, Verdict verdict) => index << 2 | (int)verdict;

    public int Count => count;

    public RecordVerdict this[int index] => (uint)index < (uint)count
        ? new RecordVerdict(this, verdicts[index] >> 2, (Verdict)(verdicts[index] & 3))
        : throw new ArgumentOutOfRangeException(nameof(index));

    public IRecordFacts Record(int index) => records[index];

    public string Key(int index) => records[index].Key;

    public string? Staff(int index) => records[index].Staff;

    public string? Model(int index) => records[index].Model;

    public bool Vip(int index) => records[index].Vip;

    public BilingualText ReasonOf(int index) => definition.Evaluate(in records[index], context).Reason;

    public IEnumerator<RecordVerdict> GetEnumerator()
    {
        for (var i = 0; i < count; i++)
        {
            yield return this[i];
        }
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>
/// One rule's result for a month: met / eligible (missed = eligible − met); pending records are counted apart and are not
/// eligible. <see cref="Verdicts"/> holds the met, missed and pending records (not the ones the rule does not apply to).
/// </summary>
public sealed record MetricResult(
    string Id, MetricGroup Group, int Eligible, int Met, int Pending, double? Rate, BilingualText Target, IReadOnlyList<RecordVerdict> Verdicts)
{
    public int Missed => Eligible - Met;

    public static MetricResult From(IMetricDefinition definition, SlaSettings settings, IReadOnlyList<RecordVerdict> verdicts)
    {
        var met = verdicts.Count(v => v.Verdict == Verdict.Met);
        return From(definition, settings, met, verdicts.Count(v => v.Verdict == Verdict.Missed), verdicts.Count(v => v.Verdict == Verdict.Pending), verdicts);
    }

    /// <summary>A result from its counts (a summary keeps no verdicts).</summary>
    public static MetricResult From(IMetricDefinition definition, SlaSettings settings, int met, int missed, int pending, IReadOnlyList<RecordVerdict> verdicts) =>
        new(definition.Id, definition.Group, met + missed, met, pending, met + missed == 0 ? null : (double)met / (met + missed), definition.Target(settings), verdicts);
}

/// <summary>A month's records as snapshots, ready for every rule.</summary>
public sealed record MetricInputs(
    IReadOnlyList<TicketFacts> Tickets,
    IReadOnlyList<RepairFacts> Repairs,
    IReadOnlyList<VisitFacts> Visits,
    IReadOnlyList<CallbackFacts> Callbacks,
    IReadOnlyList<ComplaintFacts> Complaints,
    IReadOnlyList<QuoteFacts> Quotes);

/// <summary>The 27 rules of the metric dictionary in its order, and their evaluation over a month's records.</summary>
public static class MetricCatalog
{
    public static IReadOnlyList<IMetricDefinition> All { get; } =
    [
        new Cs1aSmsConfirmation(), new Cs1bForbiddenPhrases(), new Cs2RequiredFields(),
        new Cs3aFirstResponse(), new Cs3bSatisfactoryReply(), new Cs3cTimeCommitment(), new Cs3dPhoneFollowUp(),
        new Cs4aSameDayOrder(), new Cs4bRepairTurnaround(), new Cs4cDailyStatus(),
        new Cs5OnSiteRepair(), new Cs6TaxInclusiveQuote(),
        new Cs7aSmsCallback(), new Cs7bKeyProductPhoneCallback(), new Cs7cCompleteCallback(), new Cs8bSalesFeedback(),
        new Os1DirectorSignOff(), new Os2aAppointment(), new Os2bPunctuality(), new Os2cFormAndSurvey(), new Os2dFollowUpCall(),
        new Cp1Escalation(), new Cp2aStatedWait(), new Cp2bMeasures(), new Cp2cFollowUp(), new Cp2dCorrectiveAction(), new Cp2eCaseStudy(),
    ];

    public static IMetricDefinition Find(string id) => All.Single(d => d.Id == id);

    /// <summary>Every rule over the month's records, the rules in parallel (they only read the snapshots), in catalog order.</summary>
    /// <param name="keepVerdicts">false: only the counts (<see cref="MetricResult.Verdicts"/> empty), for a trend.</param>
    public static IReadOnlyList<MetricResult> Evaluate(MetricInputs inputs, MetricContext context, bool keepVerdicts = true) =>
    [
        .. All.AsParallel().AsOrdered().Select(definition => Evaluate(definition, inputs, context, keepVerdicts)),
    ];

    /// <summary>One rule over the month's records.</summary>
    public static MetricResult Evaluate(IMetricDefinition definition, MetricInputs inputs, MetricContext context, bool keepVerdicts = true) =>
        definition switch
        {
            MetricDefinition<TicketFacts> d => Judge(d, inputs.Tickets, context, keepVerdicts),
            MetricDefinition<RepairDayFacts> d => Judge(d, RepairDayFacts.Of(inputs.Repairs, context), context, keepVerdicts),
            MetricDefinition<RepairFacts> d => Judge(d, inputs.Repairs, context, keepVerdicts),
            MetricDefinition<VisitFacts> d => Judge(d, inputs.Visits, context, keepVerdicts),
            MetricDefinition<CallbackFacts> d => Judge(d, inputs.Callbacks, context, keepVerdicts),
            MetricDefinition<ComplaintFacts> d => Judge(d, inputs.Complaints, context, keepVerdicts),
            MetricDefinition<QuoteFacts> d => Judge(d, inputs.Quotes, context, keepVerdicts),
            _ => throw new InvalidOperationException($"{definition.Id}: no records of kind {definition.FactsType.Name}."),
        };

    /// <summary>
    /// The rule's counts and, when kept, its verdicts on the records it applies to (<see cref="RuleVerdicts{T}"/>: one
    /// number per verdict, in an array sized for every record).
    /// </summary>
    private static MetricResult Judge<T>(MetricDefinition<T> definition, IReadOnlyList<T> list, MetricContext context, bool keepVerdicts)
        where T : IRecordFacts
    {
        // The snapshots are value types: judged in place in their array, never copied one by one.
        var records = list as T[] ?? [.. list];
        var verdicts = keepVerdicts ? new int[records.Length] : null;
        int met = 0, missed = 0, pending = 0, kept = 0;
        for (var i = 0; i < records.Length; i++)
        {
            var verdict = definition.Evaluate(in records[i], context).Verdict;
            switch (verdict)
            {
                case Verdict.NotEligible:
                    continue;
                case Verdict.Met:
                    met++;
                    break;
                case Verdict.Missed:
                    missed++;
                    break;
                default:
                    pending++;
                    break;
            }

            if (verdicts is not null)
            {
                verdicts[kept++] = RuleVerdicts<T>.Pack(i, verdict);
            }
        }

        return MetricResult.From(definition, context.Settings, met, missed, pending,
            verdicts is null ? [] : new RuleVerdicts<T>(definition, context, records, verdicts, kept));
    }
}

/// <summary>A rule's counts for one staff member, product model or VIP group.</summary>
public sealed record MetricBreakdownRow(string Group, int Eligible, int Met, int Pending, double? Rate);

/// <summary>Break-downs of a rule's result by staff, product model or VIP, computed from its verdicts.</summary>
public static class MetricBreakdown
{
    public static IReadOnlyList<MetricBreakdownRow> ByStaff(MetricResult result) => By(result, v => v.Staff);

    public static IReadOnlyList<MetricBreakdownRow> ByModel(MetricResult result) => By(result, v => v.Model);

    public static IReadOnlyList<MetricBreakdownRow> ByVip(MetricResult result) => By(result, v => v.Vip ? "VIP" : "");

    /// <summary>Groups by a key (a blank key becomes ""), ordered by the key.</summary>
    public static IReadOnlyList<MetricBreakdownRow> By(MetricResult result, Func<RecordVerdict, string?> key) =>
    [
        .. result.Verdicts
            .GroupBy(v => key(v)?.Trim() ?? "")
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var met = g.Count(v => v.Verdict == Verdict.Met);
                var eligible = met + g.Count(v => v.Verdict == Verdict.Missed);
                return new MetricBreakdownRow(g.Key, eligible, met, g.Count(v => v.Verdict == Verdict.Pending), eligible == 0 ? null : (double)met / eligible);
            }),
    ];
}
