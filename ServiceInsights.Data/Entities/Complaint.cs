namespace ServiceInsights.Data.Entities;

/// <summary>客户投诉: a complaint. Key: <see cref="ComplaintNo"/>.</summary>
public class Complaint : ServiceRecord
{
    public string ComplaintNo { get; set; } = "";
    public string? TicketNo { get; set; }
    public string? Customer { get; set; }
    public string? ProductName { get; set; }
    public string? Model { get; set; }
    public string? SerialNo { get; set; }
    public DateTime ReceivedAt { get; set; }
    public ComplaintSource? Source { get; set; }
    public string? SalesPerson { get; set; }
    public DateTime? SalesFeedbackAt { get; set; }
    public bool? ThreatensExternal { get; set; }
    public bool? Media { get; set; }
    public string? Description { get; set; }
    public DateTime? PromisedBy { get; set; }
    public string? Measures { get; set; }
    public DateTime? ManagerInformedAt { get; set; }
    public DateTime? LeaderInformedAt { get; set; }
    public DateTime? ResultNotifiedAt { get; set; }
    public int? Satisfaction { get; set; }
    public string? RootCause { get; set; }
    public string? CorrectiveAction { get; set; }
    public string? PreventiveAction { get; set; }
    public string? Responsible { get; set; }
    public DateTime? ClosedAt { get; set; }
    public bool? CaseStudyWritten { get; set; }
    public string? Staff { get; set; }
}
