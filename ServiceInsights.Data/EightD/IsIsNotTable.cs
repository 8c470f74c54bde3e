using System.Globalization;
using ServiceInsights.Data.Domain.Metrics;

namespace ServiceInsights.Data.EightD;

/// <summary>
/// One record of the window an 8D compares with (a ticket with its repairs and complaints, or a complaint without a ticket):
/// local receipt time, where it is, its <see cref="SymptomMatcher"/> keys and the fault causes recorded on it.
/// </summary>
public sealed record ComparedRecord(
    string Number, DateTime At, string? Model, string? Customer, string? SerialNo, string? Region,
    IReadOnlySet<string> Symptoms, IReadOnlyList<string> Causes);

/// <summary>
/// Is / Is Not from comparisons the records support. "Is" is where a record of the window shows the symptom; "Is Not" is
/// where the symptom could occur — the product's other models, the model's other customers, units and regions, the unit's
/// (or the model's) other months, the model's other fault causes — and no record of the window shows it. A dimension with
/// nothing to compare is an open item, never a guess.
/// </summary>
public sealed class IsIsNotTable(IReadOnlyList<ComparedRecord> population, IReadOnlySet<string> symptoms, bool chinese)
{
    /// <summary>At most this many names in a sentence, then "等".</summary>
    public const int Names = 5;

    /// <summary>At most this many record numbers as a row's sources (the earliest).</summary>
    public const int SourceLimit = 5;

    /// <summary>The rows for the affected <paramref name="models"/>, naming the draft's own serial numbers and customers first.</summary>
    public (List<IsIsNotRow> Rows, List<OpenItem> Open) Build(IReadOnlyList<string> models, IReadOnlyList<string> serials, IReadOnlyList<string> customers)
    {
        var open = new List<OpenItem>();
        if (symptoms.Count == 0)
        {
            open.Add(Open("记录中无问题描述或故障原因，无法比较 Is / Is Not", "no problem text or fault cause recorded: Is / Is Not cannot be compared"));
            return ([], open);
        }

        var matching = population.Where(r => SymptomMatcher.Matches(r.Symptoms, symptoms)).ToList();
        var modelSet = models.ToHashSet(StringComparer.Ordinal);
        var serialSet = serials.ToHashSet(StringComparer.Ordinal);
        var ofModels = population.Where(r => r.Model is { } m && modelSet.Contains(m)).ToList();
        var rows = new List<IsIsNotRow>
        {
            ModelRow(matching, open),
            Row(IsIsNotDimension.Customer, ofModels, r => r.Customer, matching, open,
                (n, names) => T($"{n} 家客户出现此症状：{names}", $"{n} customer(s) show this symptom: {names}"),
                (n, names) => T($"同型号其他 {n} 家客户未报告此症状：{names}", $"{n} other customer(s) of the same model did not report this symptom: {names}"),
                Open("同型号无其他客户的记录可比较（客户维度）", "no other customer of the model has records to compare (customer)"),
                customers.ToHashSet(StringComparer.Ordinal)),
            Row(IsIsNotDimension.SerialNumber, ofModels, r => r.SerialNo, matching, open,
                (n, names) => T($"{n} 台设备出现此症状：{names}", $"{n} unit(s) show this symptom: {names}"),
                (n, names) => T($"同型号其他 {n} 台设备有记录但未出现此症状：{names}", $"{n} other unit(s) of the same model have records but not this symptom: {names}"),
                Open("同型号无其他设备的记录可比较（出厂编号维度）", "no other unit of the model has records to compare (serial number)"),
                serialSet),
            PeriodRow(serialSet.Count > 0 ? population.Where(r => r.SerialNo is { } s && serialSet.Contains(s)).ToList() : ofModels,
                serialSet.Count > 0 ? serials : models, serialSet.Count > 0, open),
            Row(IsIsNotDimension.Region, ofModels, r => r.Region, matching, open,
                (n, names) => T($"{n} 个地区出现此症状：{names}", $"{n} region(s) show this symptom: {names}"),
                (n, names) => T($"同型号在其他 {n} 个地区有记录但未出现此症状：{names}", $"the same model has records in {n} other region(s) without this symptom: {names}"),
                Open("记录中无其他地区可比较（地区维度）", "no other region with records to compare (region)")),
            CauseRow(ofModels, open),
        };
        return (rows, open);
    }

    private IsIsNotRow ModelRow(List<ComparedRecord> matching, List<OpenItem> open)
    {
        // The product's models: every model of the window's records (the population is the product family).
        return Row(IsIsNotDimension.Model, population, r => r.Model, matching, open,
            (n, names) => T($"{n} 个型号出现此症状：{names}", $"{n} model(s) show this symptom: {names}"),
            (n, names) => T($"同产品其他 {n} 个型号有记录但未出现此症状：{names}", $"{n} other model(s) of the same product have records but not this symptom: {names}"),
            Open("同产品无其他型号的记录可比较（型号维度）", "no other model of the product has records to compare (model)"));
    }

    /// <summary>
    /// A dimension: "Is" = the values of <paramref name="matching"/> records (counted); "Is Not" = values of
    /// <paramref name="scope"/> with no matching record anywhere in the window. <paramref name="first"/> are named first.
    /// </summary>
    private IsIsNotRow Row(IsIsNotDimension dimension, IReadOnlyList<ComparedRecord> scope, Func<ComparedRecord, string?> value,
        List<ComparedRecord> matching, List<OpenItem> open, Func<int, string, string> isText, Func<int, string, string> isNotText,
        OpenItem nothingToCompare, IReadOnlySet<string>? first = null)
    {
        var counts = matching.Select(value).OfType<string>().GroupBy(v => v, StringComparer.Ordinal)
            .Select(g => (Value: g.Key, Count: g.Count()))
            .OrderByDescending(g => first?.Contains(g.Value) == true).ThenByDescending(g => g.Count).ThenBy(g => g.Value, StringComparer.Ordinal)
            .ToList();
        var shown = counts.Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        var notShown = scope.Select(value).OfType<string>().Where(v => !shown.Contains(v)).Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal).ToList();
        var row = new IsIsNotRow { Dimension = dimension, Sources = Sources(matching.Where(r => value(r) is not null)) };
        if (counts.Count > 0)
        {
            row.Is.Add(isText(counts.Count, Few(counts.Select(c => Counted(c.Value, c.Count)))));
        }
        else
        {
            open.Add(Open($"记录中无{Dimension(dimension, true)}，此维度无法判断", $"no {Dimension(dimension, false)} recorded on the records with the symptom: this dimension is open"));
        }

        if (notShown.Count > 0)
        {
            row.IsNot.Add(isNotText(notShown.Count, Few(notShown)));
        }
        else if (counts.Count > 0)
        {
            open.Add(nothingToCompare);
        }

        return row;
    }

    /// <summary>Months of the unit (or, without a serial number, the model) with the symptom; its other months with records.</summary>
    private IsIsNotRow PeriodRow(List<ComparedRecord> scope, IReadOnlyList<string> subjects, bool bySerial, List<OpenItem> open)
    {
        var months = scope.Where(r => SymptomMatcher.Matches(r.Symptoms, symptoms)).Select(r => Month(r.At)).Distinct().Order(StringComparer.Ordinal).ToList();
        var others = scope.Select(r => Month(r.At)).Distinct().Except(months).Order(StringComparer.Ordinal).ToList();
        var who = string.Join(chinese ? "、" : ", ", subjects);
        var row = new IsIsNotRow { Dimension = IsIsNotDimension.Period, Sources = Sources(scope.Where(r => SymptomMatcher.Matches(r.Symptoms, symptoms))) };
        if (months.Count > 0)
        {
            row.Is.Add(bySerial
                ? T($"出厂编号 {who} 出现此症状的月份：{Join(months)}", $"months in which unit {who} shows this symptom: {Join(months)}")
                : T($"型号 {who} 出现此症状的月份：{Join(months)}", $"months in which model {who} shows this symptom: {Join(months)}"));
        }

        if (others.Count > 0)
        {
            row.IsNot.Add(bySerial
                ? T($"出厂编号 {who} 在 {Join(others)} 有其他记录，未出现此症状", $"unit {who} has other records in {Join(others)}, without this symptom")
                : T($"型号 {who} 在 {Join(others)} 有记录，未出现此症状", $"model {who} has records in {Join(others)}, without this symptom"));
        }
        else
        {
            open.Add(bySerial
                ? Open("该设备在期间内无其他月份的记录可比较（时间维度）", "the unit has no records in other months of the window to compare (period)")
                : Open("该型号在期间内无其他月份的记录可比较（时间维度）", "the model has no records in other months of the window to compare (period)"));
        }

        return row;
    }

    /// <summary>The causes recorded on the records with the symptom; the model's other recorded causes never seen with it.</summary>
    private IsIsNotRow CauseRow(List<ComparedRecord> ofModels, List<OpenItem> open)
    {
        var matching = ofModels.Where(r => SymptomMatcher.Matches(r.Symptoms, symptoms)).ToList();
        var causes = matching.SelectMany(r => r.Causes).GroupBy(c => c, StringComparer.Ordinal)
            .Select(g => (Value: g.Key, Count: g.Count())).OrderByDescending(g => g.Count).ThenBy(g => g.Value, StringComparer.Ordinal).ToList();
        var seen = causes.Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        var others = ofModels.Where(r => !SymptomMatcher.Matches(r.Symptoms, symptoms)).SelectMany(r => r.Causes)
            .Where(c => !seen.Contains(c)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var row = new IsIsNotRow { Dimension = IsIsNotDimension.FaultCause, Sources = Sources(matching.Where(r => r.Causes.Count > 0)) };
        if (causes.Count > 0)
        {
            row.Is.Add(T($"出现此症状的记录所载故障原因：{Few(causes.Select(c => Counted(c.Value, c.Count)))}",
                $"fault causes recorded with this symptom: {Few(causes.Select(c => Counted(c.Value, c.Count)))}"));
        }
        else
        {
            open.Add(Open("出现此症状的记录中无故障原因（故障原因维度）", "no fault cause recorded on the records with this symptom (fault cause)"));
        }

        if (others.Count > 0)
        {
            row.IsNot.Add(T($"同型号其他记录的 {others.Count} 种故障原因未与此症状同时出现：{Few(others)}",
                $"{others.Count} other fault cause(s) of the model never come with this symptom: {Few(others)}"));
        }

        return row;
    }

    private static List<string> Sources(IEnumerable<ComparedRecord> records) =>
        records.OrderBy(r => r.At).Select(r => r.Number).Distinct(StringComparer.Ordinal).Take(SourceLimit).ToList();

    private string Few(IEnumerable<string> names)
    {
        var list = names.ToList();
        var text = Join(list.Take(Names));
        return list.Count > Names ? text + (chinese ? " 等" : ", etc.") : text;
    }

    private string Join(IEnumerable<string> values) => string.Join(chinese ? "、" : ", ", values);

    private string Counted(string value, int count) => chinese ? $"{value}（{count} 条）" : $"{value} ({count})";

    private static string Month(DateTime at) => at.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private string T(string zh, string en) => chinese ? zh : en;

    private static string Dimension(IsIsNotDimension d, bool chinese) => (d, chinese) switch
    {
        (IsIsNotDimension.Model, true) => "型号",
        (IsIsNotDimension.Customer, true) => "客户",
        (IsIsNotDimension.SerialNumber, true) => "出厂编号",
        (IsIsNotDimension.Region, true) => "客户地址（地区）",
        (IsIsNotDimension.Model, false) => "model",
        (IsIsNotDimension.Customer, false) => "customer",
        (IsIsNotDimension.SerialNumber, false) => "serial number",
        (IsIsNotDimension.Region, false) => "address (region)",
        _ => d.ToString(),
    };

    private static OpenItem Open(string zh, string en) => new() { Section = EightDSection.D2, Text = new BilingualText(zh, en) };
}
