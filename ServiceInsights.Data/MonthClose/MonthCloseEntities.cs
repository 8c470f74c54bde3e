namespace ServiceInsights.Data.MonthClose;

/// <summary>
/// One close of a month (月度定版): the figures and files frozen at <see cref="AsOf"/>. A month has at most one close in
/// force (<see cref="ReopenedAt"/> null); a reopened close stays, with who reopened it and why, and its files stay too,
/// so the history of what was sent is never lost. <see cref="Revision"/> counts the closes of a month from 1; the unique
/// (month, revision) index makes two instances closing the same month at once fail one of them.
/// </summary>
public class MonthCloseRecord
{
    public long Id { get; set; }

    /// <summary>"2026-10".</summary>
    public string Month { get; set; } = "";

    public int Revision { get; set; }

    /// <summary>The moment of closing (UTC).</summary>
    public DateTime ClosedAt { get; set; }

    public string ClosedBy { get; set; } = "";

    /// <summary>The as-of the figures were computed at (UTC): the moment of closing, to the minute.</summary>
    public DateTime AsOf { get; set; }

    public bool CalendarComplete { get; set; }

    /// <summary>The SLA settings in force, as JSON (<see cref="Domain.SlaSettings"/>).</summary>
    public string SettingsJson { get; set; } = "";

    /// <summary>The working calendar in force, as JSON: holiday years, days changed by hand, business hours.</summary>
    public string CalendarJson { get; set; } = "";

    public DateTime? ReopenedAt { get; set; }

    public string? ReopenedBy { get; set; }

    public string? ReopenReason { get; set; }

    public List<MonthCloseRule> Rules { get; set; } = [];

    public List<MonthCloseScorecard> Scorecards { get; set; } = [];

    public List<MonthCloseFile> Files { get; set; } = [];
}

/// <summary>One rule's frozen result: eligible, met, pending, rate and the target in force in both languages.</summary>
public class MonthCloseRule
{
    public long MonthCloseId { get; set; }

    public string RuleId { get; set; } = "";

    /// <summary>The rule's position in the metric dictionary, so the frozen report reads in the dictionary's order.</summary>
    public int Position { get; set; }

    public string Group { get; set; } = "";

    public int Eligible { get; set; }

    public int Met { get; set; }

    public int Pending { get; set; }

    public double? Rate { get; set; }

    public string TargetChinese { get; set; } = "";

    public string TargetEnglish { get; set; } = "";
}

/// <summary>One staff member's frozen scorecard row (DP-1), as JSON (<see cref="Reports.Kpi.StaffScorecard"/>).</summary>
public class MonthCloseScorecard
{
    public long MonthCloseId { get; set; }

    /// <summary>"" for records without a staff member.</summary>
    public string Staff { get; set; } = "";

    public string Json { get; set; } = "";
}

/// <summary>One archived report file: kind, format and language, exactly as it was downloaded at closing.</summary>
public class MonthCloseFile
{
    public long MonthCloseId { get; set; }

    /// <summary>"callbacks", "complaints", "repairs", "kpi".</summary>
    public string Report { get; set; } = "";

    /// <summary>"pdf" or "xlsx".</summary>
    public string Format { get; set; } = "";

    /// <summary>"zh-CN" or "en-US".</summary>
    public string Language { get; set; } = "";

    public string FileName { get; set; } = "";

    public string ContentType { get; set; } = "";

    public byte[] Content { get; set; } = [];
}
