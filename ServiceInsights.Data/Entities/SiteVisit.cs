namespace ServiceInsights.Data.Entities;

/// <summary>上门服务: an on-site visit. Key: <see cref="DispatchNo"/> (委派单号).</summary>
public class SiteVisit : ServiceRecord
{
    public string DispatchNo { get; set; } = "";
    public string? TicketNo { get; set; }
    public DispatchSource? Source { get; set; }
    public DateTime OrderedAt { get; set; }
    public DateTime? DirectorSignedAt { get; set; }
    public DateTime? AppointmentAt { get; set; }
    public bool? RescheduledWithNotice { get; set; }
    public DateTime? ArrivedAt { get; set; }
    public DateTime? CompletedAt { get; set; }
    public bool? FormFiled { get; set; }
    public int? SurveyScore { get; set; }
    public string? Engineer { get; set; }
}
