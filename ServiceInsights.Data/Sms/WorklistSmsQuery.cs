using Microsoft.EntityFrameworkCore;
using ServiceInsights.Data.Persistence;
using ServiceInsights.Data.Worklist;

namespace ServiceInsights.Data.Sms;

/// <summary>
/// One SMS to send for a worklist item: the customer's phone, the rendered text, its length and segments, and the placeholders
/// no record gave a value for (<see cref="Missing"/>): such a text is not sendable, it would have a blank in it.
/// </summary>
public sealed record SmsMessage(WorklistItem Item, SmsTemplateKind Kind, string? Phone, string Text, IReadOnlyList<string> Missing)
{
    /// <summary>Every placeholder has a value and the ticket has a phone: the SMS batch takes it.</summary>
    public bool Sendable => Missing.Count == 0 && !string.IsNullOrWhiteSpace(Phone);

    public int Length => SmsText.Length(Text);

    public int Segments => SmsText.Segments(Text);
}

/// <summary>
/// The SMS texts of a worklist's SMS items (CS-7a), rendered with the templates in force, the ticket's customer and
/// product, and the staff member's name and phone (their user profile's phone number, matched by display name).
/// </summary>
public sealed class WorklistSmsQuery(SmsTemplateStore templates, IDbContextFactory<ServiceInsightsDbContext> factory)
{
    /// <summary>The weekly SMS in the week after resolution, the monthly one after it (CS-7a takes both).</summary>
    public static SmsTemplateKind KindFor(WorklistItem item, DateTime asOf) => item.Anchor >= asOf.AddDays(-7) ? SmsTemplateKind.Weekly : SmsTemplateKind.Monthly;

    public async Task<IReadOnlyList<SmsMessage>> RenderAsync(CallbackWorklist worklist, CancellationToken cancellationToken = default)
    {
        var items = worklist.Items.Where(i => i.Channel == CallbackChannel.Sms).ToList();
        if (items.Count == 0)
        {
            return [];
        }

        var texts = await templates.GetAsync(cancellationToken);
        var phones = await StaffPhonesAsync(cancellationToken);
        return
        [
            .. items.Select(item =>
            {
                var kind = KindFor(item, worklist.AsOf);
                var values = new Dictionary<string, string?>
                {
                    ["客户"] = item.Ticket?.Customer,
                    ["联系人"] = item.Ticket?.Contact,
                    ["产品"] = item.Ticket?.ProductName,
                    ["型号"] = item.Ticket?.Model,
                    ["工单号"] = item.TicketNo,
                    ["客服"] = item.Staff,
                    ["客服电话"] = item.Staff is { } staff ? phones.GetValueOrDefault(staff) : null,
                    ["日期"] = item.Anchor.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                };
                return new SmsMessage(item, kind, item.Ticket?.Phone, SmsText.Render(texts[kind], values), SmsText.Missing(texts[kind], values));
            }),
        ];
    }

    /// <summary>Each staff member's phone by display name (the name records carry), from the user profiles.</summary>
    public async Task<IReadOnlyDictionary<string, string?>> StaffPhonesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var users = await db.Users.AsNoTracking().Where(u => u.DisplayName != "").Select(u => new { u.DisplayName, u.PhoneNumber }).ToListAsync(cancellationToken);
        return users.GroupBy(u => u.DisplayName).ToDictionary(g => g.Key, g => g.Select(u => u.PhoneNumber).FirstOrDefault(p => !string.IsNullOrWhiteSpace(p)));
    }
}
