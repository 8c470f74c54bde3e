namespace ServiceInsights.Data.Entities;

/// <summary>回访记录: a callback to a customer. Key: <see cref="CallbackNo"/>.</summary>
public class Callback : ServiceRecord
{
    public string CallbackNo { get; set; } = "";
    public string? TicketNo { get; set; }
    public string? Customer { get; set; }
    public string? ProductName { get; set; }
    public string? Model { get; set; }
    public CallbackMethod? Method { get; set; }
    public DateTime At { get; set; }

    /// <summary>是否接通: an empty cell means reached (the import format's rule).</summary>
    public bool Reached { get; set; } = true;

    public bool? Solved { get; set; }
    public bool? RunningNormally { get; set; }

    /// <summary>1 (very unsatisfied) … 5 (very satisfied).</summary>
    public int? Satisfaction { get; set; }

    public string? OtherNeeds { get; set; }
    public string? Notes { get; set; }
    public string? Staff { get; set; }
}
