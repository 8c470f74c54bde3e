using Microsoft.EntityFrameworkCore;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Entities;
using ServiceInsights.Data.Persistence;
using ServiceInsights.Data.Settings;

namespace ServiceInsights.Data.Sms;

/// <summary>
/// The SMS templates in force: <see cref="SmsText.Default"/>, overridden by what an Admin saved. Stored as settings
/// (<c>Sms.Confirmation</c>, <c>Sms.Weekly</c>, <c>Sms.Monthly</c>), each change in the settings' history in the same save.
/// </summary>
public sealed class SmsTemplateStore(IDbContextFactory<ServiceInsightsDbContext> factory, DepartmentClock clock)
{
    public async Task<IReadOnlyDictionary<SmsTemplateKind, string>> GetAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var stored = await db.SettingValues.AsNoTracking().Where(s => s.Key.StartsWith(SmsText.KeyPrefix)).ToDictionaryAsync(s => s.Key, s => s.Value, cancellationToken);
        return Enum.GetValues<SmsTemplateKind>().ToDictionary(k => k, k => stored.GetValueOrDefault(SmsText.Key(k)) ?? SmsText.Default(k));
    }

    /// <summary>Stores a template; returns false when it is the one in force already.</summary>
    /// <exception cref="InvalidSettingException">The template is empty, too long or names an unknown placeholder; nothing is stored.</exception>
    public async Task<bool> SaveAsync(SmsTemplateKind kind, string template, string user, CancellationToken cancellationToken = default)
    {
        template = template.Trim();
        SmsText.Validate(kind, template);
        var before = (await GetAsync(cancellationToken))[kind];
        if (before == template)
        {
            return false;
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var key = SmsText.Key(kind);
        var now = clock.UtcNow;
        var value = await db.SettingValues.FindAsync([key], cancellationToken);
        if (value is null)
        {
            db.SettingValues.Add(value = new SettingValue { Key = key });
        }

        (value.Value, value.UpdatedAt, value.UpdatedBy) = (template, now, user);
        db.SettingChanges.Add(new SettingChange { At = now, UserName = user, Setting = key, OldValue = before, NewValue = template });
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
