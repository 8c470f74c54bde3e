using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using ServiceInsights.Data.Domain.Metrics;
using ServiceInsights.Data.Entities;

namespace ServiceInsights.Data.EightD;

/// <summary>The sections of an 8D report, in the order of the form. The history names them so.</summary>
public enum EightDSection { Header, D0, D1, D2, D3, D4, D5, D6, D7, D8, OpenItems, CaseStudy }

/// <summary>
/// The disciplines D0–D8 of one 8D report, stored as one JSON document (docs/decisions/011-eightd-storage.md). Classes
/// with settable members and lists, because the editor binds its tables to them. Local department times throughout.
/// </summary>
public sealed class EightDContent
{
    /// <summary>Bump when the shape changes incompatibly and teach <see cref="Deserialize"/> to upgrade the old one.</summary>
    public const int CurrentVersion = 1;

    public EightDHeader Header { get; set; } = new();
    public D0Symptom D0 { get; set; } = new();
    public D1Team D1 { get; set; } = new();
    public D2Problem D2 { get; set; } = new();
    public D3Containment D3 { get; set; } = new();
    public D4RootCauses D4 { get; set; } = new();
    public D5CorrectiveActions D5 { get; set; } = new();
    public D6Implementation D6 { get; set; } = new();
    public D7Prevention D7 { get; set; } = new();
    public D8Closure D8 { get; set; } = new();

    /// <summary>What the records did not hold when the draft was made, and what is still to do.</summary>
    public List<OpenItem> OpenItems { get; set; } = [];

    /// <summary>CS-8a / CP-2e: the case study text of a class-3 complaint, when attached.</summary>
    public string? CaseStudy { get; set; }

    // Chinese text stays readable in the stored document and in the history's old/new values (the JSON is never put
    // into HTML or script as is, so the relaxed encoder is safe here).
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string Serialize() => JsonSerializer.Serialize(this, Options);

    public static EightDContent Deserialize(string json, int version) => version switch
    {
        CurrentVersion => JsonSerializer.Deserialize<EightDContent>(json, Options) ?? new(),
        _ => throw new InvalidOperationException($"8D content version {version} is not known to this version of the app."),
    };

    /// <summary>A deep copy (through JSON), so an edit can be compared with what was stored.</summary>
    public EightDContent Clone() => Deserialize(Serialize(), CurrentVersion);

    public static JsonElement SectionJson(EightDContent content, EightDSection section) =>
        JsonSerializer.SerializeToElement(Section(content, section), Options);

    public static object? Section(EightDContent content, EightDSection section) => section switch
    {
        EightDSection.Header => content.Header,
        EightDSection.D0 => content.D0,
        EightDSection.D1 => content.D1,
        EightDSection.D2 => content.D2,
        EightDSection.D3 => content.D3,
        EightDSection.D4 => content.D4,
        EightDSection.D5 => content.D5,
        EightDSection.D6 => content.D6,
        EightDSection.D7 => content.D7,
        EightDSection.D8 => content.D8,
        EightDSection.OpenItems => content.OpenItems,
        EightDSection.CaseStudy => content.CaseStudy,
        _ => throw new ArgumentOutOfRangeException(nameof(section)),
    };

    /// <summary>Copies one section from <paramref name="source"/> (deeply) into this document.</summary>
    public void CopySection(EightDContent source, EightDSection section)
    {
        var copy = source.Clone();
        switch (section)
        {
            case EightDSection.Header: Header = copy.Header; break;
            case EightDSection.D0: D0 = copy.D0; break;
            case EightDSection.D1: D1 = copy.D1; break;
            case EightDSection.D2: D2 = copy.D2; break;
            case EightDSection.D3: D3 = copy.D3; break;
            case EightDSection.D4: D4 = copy.D4; break;
            case EightDSection.D5: D5 = copy.D5; break;
            case EightDSection.D6: D6 = copy.D6; break;
            case EightDSection.D7: D7 = copy.D7; break;
            case EightDSection.D8: D8 = copy.D8; break;
            case EightDSection.OpenItems: OpenItems = copy.OpenItems; break;
            case EightDSection.CaseStudy: CaseStudy = copy.CaseStudy; break;
            default: throw new ArgumentOutOfRangeException(nameof(section));
        }
    }
}

/// <summary>The header block: what the 8D is about, as the linked records say.</summary>
public sealed class EightDHeader
{
    public string Title { get; set; } = "";
    public string Owner { get; set; } = "";
    public DateOnly OpenedOn { get; set; }
    public List<string> Customers { get; set; } = [];
    public List<string> Products { get; set; } = [];
    public List<string> Models { get; set; } = [];
    public List<string> SerialNumbers { get; set; } = [];

    /// <summary>CP-1 class of the complaint (the highest among a cluster's complaints); null without a complaint.</summary>
    public int? ComplaintClass { get; set; }

    public BilingualText? ComplaintClassReason { get; set; }

    /// <summary>产品来源 as the tickets record it; null when not recorded or different among them. Says nothing about who is responsible.</summary>
    public Origin? Origin { get; set; }

    /// <summary>责任方: only as the complaints' own 责任人 field records it, with the complaint's number; otherwise an open item.</summary>
    public List<SourcedText> Responsible { get; set; } = [];

    /// <summary>The symptom the draft was made for, as <see cref="SymptomMatcher"/> keys; finds an 8D of the same problem.</summary>
    public List<string> Symptoms { get; set; } = [];

    /// <summary>For a fault-cluster 8D: the cluster it was started from.</summary>
    public string? FaultCause { get; set; }

    public DateOnly? PeriodFrom { get; set; }
    public DateOnly? PeriodTo { get; set; }

    /// <summary>The records each prefilled field was taken from, by field name ("Customers", "Origin"…).</summary>
    public Dictionary<string, List<string>> Sources { get; set; } = [];
}

/// <summary>A text taken from a record, with the record's number so the reader can check it.</summary>
public sealed class SourcedText
{
    public string Text { get; set; } = "";
    public List<string> Sources { get; set; } = [];
    public DateTime? At { get; set; }
}

/// <summary>D0: the symptom and the emergency response actions already recorded.</summary>
public sealed class D0Symptom
{
    public string Symptom { get; set; } = "";

    /// <summary>The records the prefilled symptom was taken from.</summary>
    public List<string> SymptomSources { get; set; } = [];

    public List<SourcedText> EmergencyActions { get; set; } = [];
}

public enum TeamRole { Champion, Leader, Member }

public sealed class TeamMember
{
    public string Name { get; set; } = "";
    public TeamRole Role { get; set; }

    /// <summary>Where the name comes from, in the language of the draft: "TS2026082501 客服", "8D 作者".</summary>
    public List<string> Sources { get; set; } = [];
}

/// <summary>D1: the team.</summary>
public sealed class D1Team
{
    public List<TeamMember> Members { get; set; } = [];
}

public enum TimelineKind { Ticket, Complaint, Repair, Repaired, SiteVisit }

/// <summary>One dated event of the linked records; <see cref="Repeat"/> marks every occurrence after the first.</summary>
public sealed class TimelineEntry
{
    public DateTime At { get; set; }
    public TimelineKind Kind { get; set; }
    public string Number { get; set; } = "";
    public string? Text { get; set; }
    public bool Repeat { get; set; }
}

/// <summary>How many: counted from the linked records.</summary>
public sealed class HowMany
{
    public int Complaints { get; set; }
    public int Repairs { get; set; }
    public int Tickets { get; set; }

    /// <summary>Distinct units: by serial number where recorded, otherwise one per ticket.</summary>
    public int Units { get; set; }

    public int SerialNumbers { get; set; }
}

public enum IsIsNotDimension { Model, Customer, Period, SerialNumber, Region, FaultCause }

/// <summary>
/// One row of the Is / Is Not table: where the symptom is seen and where it could be but is not, each a sentence with counts
/// and at most five names. <see cref="Sources"/>: numbers of records that show the symptom (at most ten).
/// </summary>
public sealed class IsIsNotRow
{
    public IsIsNotDimension Dimension { get; set; }
    public List<string> Is { get; set; } = [];
    public List<string> IsNot { get; set; } = [];
    public List<string> Sources { get; set; } = [];
}

/// <summary>D2: the problem description (5W2H, the statement, Is / Is Not).</summary>
public sealed class D2Problem
{
    public string What { get; set; } = "";
    public string Why { get; set; } = "";
    public List<string> WhereRegions { get; set; } = [];
    public DateTime? FirstOccurrence { get; set; }
    public DateTime? LastOccurrence { get; set; }
    public List<TimelineEntry> Timeline { get; set; } = [];
    public List<string> Who { get; set; } = [];
    public string How { get; set; } = "";
    public HowMany HowMany { get; set; } = new();
    public string ProblemStatement { get; set; } = "";
    public List<IsIsNotRow> IsIsNot { get; set; } = [];

    /// <summary>The records each prefilled field was taken from, by field name ("What", "How"…).</summary>
    public Dictionary<string, List<string>> Sources { get; set; } = [];
}

public sealed class ContainmentAction
{
    public string Action { get; set; } = "";
    public string Owner { get; set; } = "";
    public DateOnly? Date { get; set; }

    /// <summary>0–100.</summary>
    public int? EffectivenessPercent { get; set; }
}

/// <summary>D3: interim containment actions.</summary>
public sealed class D3Containment
{
    public List<ContainmentAction> Actions { get; set; } = [];
}

/// <summary>Why it happened (occurrence) or why it was not detected (escape) — kept apart as 8D asks.</summary>
public enum CauseKind { Occurrence, Escape }

public sealed class RootCause
{
    /// <summary>Stable within the report; D5 actions link to it.</summary>
    public int Id { get; set; }

    public CauseKind Kind { get; set; }
    public string Description { get; set; } = "";

    /// <summary>The 5-Why chain: why 1 … why 5 (a new cause starts with five empty answers).</summary>
    public List<string> Whys { get; set; } = ["", "", "", "", ""];

    /// <summary>Share of the problem this cause explains, 0–100; the causes of one kind total 100.</summary>
    public int? ContributionPercent { get; set; }
}

/// <summary>D4: candidate texts from the records and the causes the team confirms.</summary>
public sealed class D4RootCauses
{
    public List<SourcedText> Candidates { get; set; } = [];
    public List<RootCause> Causes { get; set; } = [];
}

public sealed class PermanentAction
{
    public int Id { get; set; }
    public string Action { get; set; } = "";

    /// <summary>The D4 cause this action removes.</summary>
    public int? CauseId { get; set; }

    public string Owner { get; set; } = "";
    public string Verification { get; set; } = "";
    public DateOnly? VerifiedOn { get; set; }
}

/// <summary>D5: permanent corrective actions, each linked to a D4 cause, with their verification.</summary>
public sealed class D5CorrectiveActions
{
    /// <summary>Corrective actions written on the linked records: suggestions, not yet actions of this 8D.</summary>
    public List<SourcedText> Recorded { get; set; } = [];

    public List<PermanentAction> Actions { get; set; } = [];
}

public sealed class ImplementationStep
{
    /// <summary>The D5 action implemented.</summary>
    public int ActionId { get; set; }

    public DateOnly? PlannedOn { get; set; }
    public DateOnly? ActualOn { get; set; }
    public string Validation { get; set; } = "";

    /// <summary>Set when the implementation is validated (closed); needs its D5 action verified first.</summary>
    public DateOnly? ValidatedOn { get; set; }
}

/// <summary>D6: implementation (planned vs actual) and validation.</summary>
public sealed class D6Implementation
{
    public List<ImplementationStep> Steps { get; set; } = [];
}

public enum PreventionDocument { Fmea, WorkInstruction, Training, SimilarProducts, Other }

public sealed class PreventionItem
{
    public PreventionDocument Document { get; set; }
    public string Change { get; set; } = "";
    public string Owner { get; set; } = "";
    public DateOnly? DueOn { get; set; }
    public DateOnly? DoneOn { get; set; }
}

/// <summary>D7: preventing recurrence — the documents to change.</summary>
public sealed class D7Prevention
{
    /// <summary>Preventive actions written on the linked records.</summary>
    public List<SourcedText> Recorded { get; set; } = [];

    public List<PreventionItem> Items { get; set; } = [];
}

/// <summary>D8: closure and recognition of the team.</summary>
public sealed class D8Closure
{
    public string Summary { get; set; } = "";
    public string Recognition { get; set; } = "";
    public DateOnly? ClosedOn { get; set; }
}

/// <summary>Something the records do not hold, or still to do, named with its section.</summary>
public sealed class OpenItem
{
    public EightDSection Section { get; set; }
    public BilingualText Text { get; set; } = new("", "");
    public bool Resolved { get; set; }
}
