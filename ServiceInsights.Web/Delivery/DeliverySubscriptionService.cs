using ServiceInsights.Data.Delivery;
using ServiceInsights.Web.Exports;

namespace ServiceInsights.Web.Delivery;

/// <summary>
/// Saving a subscription from the Admin page: the store's checks, then those that need the users and the report policies —
/// a named address must be a user's, and every named user and every chosen role must be allowed to open at least one of the
/// chosen reports (a recipient only ever receives what their role may open).
/// </summary>
public sealed class DeliverySubscriptionService(DeliveryStore store, DeliveryRecipients recipients)
{
    public async Task<DeliverySubscription> SaveAsync(DeliverySubscription subscription, string user, CancellationToken cancellationToken = default)
    {
        DeliveryStore.Validate(subscription);
        if (subscription.Reports.FirstOrDefault(r => recipients.Reports.Find(r) is null) is { } unknownReport)
        {
            throw new InvalidSubscriptionException($"Reports: '{unknownReport}' is not one of {string.Join(", ", recipients.Reports.Select(r => r.Segment))}.",
                SubscriptionRefusal.UnknownReport, unknownReport, string.Join(", ", recipients.Reports.Select(r => r.Segment)));
        }

        var kinds = recipients.KindsOf(subscription);
        foreach (var role in subscription.RecipientRoles)
        {
            if (!await AnyAsync(kinds, k => recipients.MayOpenAsync([role], k)))
            {
                throw new InvalidSubscriptionException($"Recipients: the role {role} may open none of the chosen reports.", SubscriptionRefusal.RoleMayOpenNone, role);
            }
        }

        var (people, unknown) = await recipients.ResolveAsync(subscription with { RecipientRoles = [] }, null, cancellationToken);
        if (unknown.Count > 0)
        {
            throw new InvalidSubscriptionException($"Recipients: {string.Join(", ", unknown)} is not the e-mail address of a user; only users receive reports.",
                SubscriptionRefusal.NotAUser, string.Join(", ", unknown));
        }

        if (people.FirstOrDefault(p => p.Permitted.Count == 0) is { } refused)
        {
            throw new InvalidSubscriptionException(
                $"Recipients: {refused.Email} ({string.Join(", ", refused.Roles.DefaultIfEmpty("no role"))}) may open none of the chosen reports.",
                SubscriptionRefusal.UserMayOpenNone, refused.Email);
        }

        return await store.SaveAsync(subscription, user, cancellationToken);
    }

    private static async Task<bool> AnyAsync(IEnumerable<ReportDefinition> kinds, Func<ReportDefinition, Task<bool>> test)
    {
        foreach (var kind in kinds)
        {
            if (await test(kind))
            {
                return true;
            }
        }

        return false;
    }
}
