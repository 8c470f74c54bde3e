using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using ServiceInsights.Data.Delivery;
using ServiceInsights.Data.Users;
using ServiceInsights.Web.Exports;

namespace ServiceInsights.Web.Delivery;

/// <summary>
/// A user who receives a mail (<see cref="Name"/> as <see cref="AppUserQuery.NameOf"/> words it), with the reports of the
/// subscription their roles may open and those they may not.
/// </summary>
public sealed record DeliveryRecipient(string Email, string Name, IReadOnlyList<string> Roles, IReadOnlyList<ReportDefinition> Permitted,
    IReadOnlyList<ReportDefinition> Refused);

/// <summary>
/// Who receives a subscription's mail and which of its reports each may open: every user holding a subscribed role, and
/// every user named by e-mail. A report goes only to a recipient whose roles pass its download policy
/// (<see cref="ReportNames.Policy"/>), checked by the same authorization service the endpoints use.
/// </summary>
public sealed class DeliveryRecipients(AppUserQuery users, IAuthorizationService authorization, IEnumerable<ReportDefinition> reports)
{
    /// <summary>Every report a subscription may choose, in the order registered.</summary>
    public IReadOnlyList<ReportDefinition> Reports { get; } = [.. reports];

    /// <summary>The recipients of <paramref name="subscription"/>; a named address that is no user's is in <c>Unknown</c>.</summary>
    public async Task<(IReadOnlyList<DeliveryRecipient> Recipients, IReadOnlyList<string> Unknown)> ResolveAsync(
        DeliverySubscription subscription, IReadOnlyList<string>? onlyTo = null, CancellationToken cancellationToken = default)
    {
        var mailable = await MailableAsync(cancellationToken);
        var kinds = KindsOf(subscription);
        var chosen = new List<AppUserRow>();
        var unknown = new List<string>();
        if (onlyTo is null)
        {
            chosen.AddRange(mailable.Where(u => u.Roles.Any(subscription.RecipientRoles.Contains)));
        }

        // The addresses given (--to), else the subscription's (stored trimmed): each must be a user's.
        foreach (var email in (onlyTo ?? subscription.RecipientEmails).Select(e => e.Trim()))
        {
            if (mailable.FirstOrDefault(u => string.Equals(u.Email, email, StringComparison.OrdinalIgnoreCase)) is { } user)
            {
                chosen.Add(user);
            }
            else
            {
                unknown.Add(email);
            }
        }

        var recipients = new List<DeliveryRecipient>();
        foreach (var user in chosen.DistinctBy(u => u.Email!.ToLowerInvariant()))
        {
            var permitted = new List<ReportDefinition>();
            foreach (var kind in kinds)
            {
                if (await MayOpenAsync(user.Roles, kind))
                {
                    permitted.Add(kind);
                }
            }

            recipients.Add(new DeliveryRecipient(user.Email!, user.Name, user.Roles, permitted, [.. kinds.Except(permitted)]));
        }

        return (recipients, unknown);
    }

    /// <summary>The users who can receive mail (those with an e-mail address), by address: whom a subscription may name.</summary>
    public async Task<IReadOnlyList<AppUserRow>> MailableAsync(CancellationToken cancellationToken = default) =>
        [.. (await users.AllAsync(cancellationToken)).Where(u => u.Email is not null).OrderBy(u => u.Email, StringComparer.OrdinalIgnoreCase)];

    public async Task<bool> MayOpenAsync(IReadOnlyList<string> roles, ReportDefinition report)
    {
        var principal = new ClaimsPrincipal(new ClaimsIdentity(roles.Select(r => new Claim(ClaimTypes.Role, r)), "delivery"));
        return (await authorization.AuthorizeAsync(principal, report.Names.Policy)).Succeeded;
    }

    /// <summary>The subscription's reports, named by their segment (<c>kpi</c>; the case is not significant).</summary>
    public IReadOnlyList<ReportDefinition> KindsOf(DeliverySubscription subscription) =>
        [.. Reports.Where(r => subscription.Reports.Contains(r.Segment, StringComparer.OrdinalIgnoreCase))];

    public static IReadOnlyList<ExportFormat> FormatsOf(DeliverySubscription subscription) =>
        [.. ExportFormats.All.Where(f => subscription.Formats.Contains(ExportFormats.Extension(f)))];
}
