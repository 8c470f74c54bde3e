namespace ServiceInsights.Data.Entities;

/// <summary>报价: a price quote (CS-6). Key: <see cref="QuoteNo"/>.</summary>
public class Quote : ServiceRecord
{
    public string QuoteNo { get; set; } = "";
    public string? TicketNo { get; set; }
    public DateTime QuotedAt { get; set; }
    public decimal? PriceInclTax { get; set; }
    public decimal? PriceExclTax { get; set; }
    public QuoteBasis? FirstQuoted { get; set; }
    public bool? NoInvoiceRequested { get; set; }
}
