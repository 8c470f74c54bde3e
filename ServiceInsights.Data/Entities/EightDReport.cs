namespace ServiceInsights.Data.Entities;

/// <summary>Where an 8D report stands: Draft → InReview → Approved → Closed, and back to Draft from review.</summary>
public enum EightDStatus { Draft, InReview, Approved, Closed }

/// <summary>The kind of service record an 8D report links to by number.</summary>
public enum EightDLinkKind { Complaint, Ticket, Repair }

/// <summary>
/// An 8D report (8D报告). The columns hold what lists and look-ups need (number, title, status, people, dates); the
/// disciplines D0–D8 live in one versioned JSON document (<see cref="Content"/>, see docs/decisions/011-eightd-storage.md).
/// Instants are UTC.
/// </summary>
public class EightDReport
{
    public long Id { get; set; }

    /// <summary>8D-yyyy-NNNN, unique; the year is the department-local year of creation.</summary>
    public string Number { get; set; } = "";

    public string Title { get; set; } = "";
    public EightDStatus Status { get; set; }
    public string Author { get; set; } = "";
    public string Owner { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>Optimistic concurrency: every save increments it and checks the value the editor loaded.</summary>
    public int Version { get; set; }

    /// <summary>Schema version of <see cref="Content"/>, so an older document can be upgraded when read.</summary>
    public int ContentVersion { get; set; }

    /// <summary>The sections D0–D8 and the open items as JSON (<c>EightD.EightDContent</c>).</summary>
    public string Content { get; set; } = "";

    public List<EightDLink> Links { get; set; } = [];
}

/// <summary>A link from an 8D report to a complaint, ticket or repair, kept as the record's number like the other links.</summary>
public class EightDLink
{
    public long Id { get; set; }
    public long ReportId { get; set; }
    public EightDLinkKind Kind { get; set; }
    public string Number { get; set; } = "";
}

/// <summary>The change history of an 8D report: who changed which section/field when (UTC), from what to what.</summary>
public class EightDChange
{
    public long Id { get; set; }
    public long ReportId { get; set; }
    public DateTime At { get; set; }
    public string UserName { get; set; } = "";
    public string Section { get; set; } = "";
    public string Field { get; set; } = "";
    public string? OldValue { get; set; }
    public string? NewValue { get; set; }
}
