namespace ServiceInsights.Data.Domain;

/// <summary>
/// Every target and list of the metric dictionary (docs/SERVICE-STANDARD.md) with the dictionary's default. Reports
/// and pages show the values in force; an Admin changes them in Settings (each change recorded).
/// </summary>
public sealed record SlaSettings
{
    /// <summary>CS-3a: first response within this many business minutes.</summary>
    public int ResponseMinutes { get; init; } = 60;

    /// <summary>CS-3a, CS-9: the VIP profile's response target.</summary>
    public int VipResponseMinutes { get; init; } = 30;

    /// <summary>CS-3b: a satisfactory reply within this many business minutes.</summary>
    public int SatisfactoryReplyMinutes { get; init; } = 480;

    /// <summary>CS-3b, CS-9: the VIP profile's satisfactory-reply target.</summary>
    public int VipSatisfactoryReplyMinutes { get; init; } = 240;

    /// <summary>CS-3c: a reply within this many minutes of the call needs no stated time commitment.</summary>
    public int ImmediateReplyMinutes { get; init; } = 15;

    /// <summary>CS-3d and OS-2d: the phone follow-up window in calendar days.</summary>
    public int PhoneCallbackDays { get; init; } = 7;

    /// <summary>CS-7a and CS-7b: the SMS / key-product phone callback window in calendar days.</summary>
    public int CallbackWindowDays { get; init; } = 31;

    /// <summary>CS-4b: turnaround target for self-made products, in working days.</summary>
    public int RepairDaysSelfMade { get; init; } = 5;

    /// <summary>CS-4b: turnaround target for purchased products, in working days.</summary>
    public int RepairDaysPurchased { get; init; } = 10;

    /// <summary>CS-5: on-site repair within this many working days of the order.</summary>
    public int OnSiteDays { get; init; } = 2;

    /// <summary>OS-2b: arrival counts as punctual up to this many minutes after the appointment.</summary>
    public int PunctualityGraceMinutes { get; init; } = 15;

    /// <summary>CP-1: an earlier complaint by the same customer within this many days makes a complaint class 2.</summary>
    public int RepeatComplaintDays { get; init; } = 90;

    /// <summary>CS-8b: feedback to the salesperson within this many calendar minutes.</summary>
    public int SalesFeedbackMinutes { get; init; } = 30;

    /// <summary>Every rule: a rate up to this many percentage points below its target rate is amber, further below red.</summary>
    public int TargetNearPoints { get; init; } = 10;

    /// <summary>Every rule: a rate on fewer eligible records than this is a small sample (样本少) and is not coloured.</summary>
    public int SmallSampleBelow { get; init; } = 5;

    /// <summary>CS-7b: a ticket whose product name or model contains one of these is a key product.</summary>
    public IReadOnlyList<string> KeyProductKeywords { get; init; } = ["四情", "虫情", "孢子", "墒情", "苗情", "培养箱", "种子"];

    /// <summary>CS-1b: phrases that must never appear in a solution or note.</summary>
    public IReadOnlyList<string> ForbiddenPhrases { get; init; } = ["我不知道", "不清楚", "这个不归我管", "这个解决不了", "这不是我负责的"];

    /// <summary>The callback worklist: a missed callback stays on the list this many days after its due time.</summary>
    public int WorklistOverdueDays { get; init; } = 30;

    public static SlaSettings Defaults { get; } = new();
}
