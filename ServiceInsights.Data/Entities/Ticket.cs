namespace ServiceInsights.Data.Entities;

/// <summary>服务工单: one customer request. Key: <see cref="TicketNo"/>. Instants are UTC.</summary>
public class Ticket : ServiceRecord
{
    public string TicketNo { get; set; } = "";
    public DateTime ReceivedAt { get; set; }
    public Channel? Channel { get; set; }
    public string? Customer { get; set; }
    public string? Address { get; set; }
    public string? Contact { get; set; }
    public string? Phone { get; set; }
    public bool? Vip { get; set; }
    public string? ProductName { get; set; }
    public string? Model { get; set; }
    public string? SerialNo { get; set; }
    public DateOnly? PurchaseDate { get; set; }
    public Origin? Origin { get; set; }
    public ServiceType? ServiceType { get; set; }
    public string? Problem { get; set; }
    public string? Solution { get; set; }
    public string? Notes { get; set; }
    public string? Staff { get; set; }
    public DateTime? SmsConfirmedAt { get; set; }
    public DateTime? FirstResponseAt { get; set; }
    public DateTime? PromisedBy { get; set; }
    public DateTime? SatisfactoryReplyAt { get; set; }
    public DateTime? ResolvedAt { get; set; }
}
