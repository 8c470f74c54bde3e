namespace ServiceInsights.Data.Entities;

/// <summary>返厂维修: a returned item. Key: <see cref="RepairNo"/>; linked to its ticket by number.</summary>
public class Repair : ServiceRecord
{
    public string RepairNo { get; set; } = "";
    public string? TicketNo { get; set; }
    public DateTime ReceivedAt { get; set; }
    public DateTime? CsNotifiedAt { get; set; }
    public DateTime? OrderedAt { get; set; }
    public DateTime? HandedOverAt { get; set; }
    public DateTime? RepairedAt { get; set; }
    public DateTime? ShippedAt { get; set; }
    public DateOnly? AgreedDueDate { get; set; }
    public string? FaultCause { get; set; }
}

/// <summary>维修进度: one confirmation of a repair's status (CS-4c). Key: repair number + time.</summary>
public class RepairUpdate : ServiceRecord
{
    public string RepairNo { get; set; } = "";
    public DateTime At { get; set; }
    public RepairUpdateMethod? Method { get; set; }
    public string? Notes { get; set; }
}
