using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using ServiceInsights.Data.Delivery;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.FollowUps;
using ServiceInsights.Data.Import;
using ServiceInsights.Data.KpiComments;
using ServiceInsights.Data.MonthClose;
using ServiceInsights.Web.Components.Pages.FollowUps;
using ServiceInsights.Web.Components.Pages.Records;
using ServiceInsights.Web.Hosting;

namespace ServiceInsights.Web.Components.Shared;

/// <summary>
/// The one way a page words a refusal or a failure (<see cref="RefusalException{TReason}"/>, or a reason stored without its
/// exception, as the delivery log's kind): the reason's resource, filled with its arguments, a status or record kind among them
/// worded too. The exception's English message stays the log's and the CLI's.
/// </summary>
public static class RefusalText
{
    /// <summary>
    /// The database failed (a write refused, a table or connection gone) or a call was refused without a worded reason: the
    /// page logs it and says its area's "not saved" sentence, never the exception's text. A <c>RefusalException</c> is an
    /// <see cref="InvalidOperationException"/> too, so a page catches its worded refusals first.
    /// </summary>
    public static bool IsFailure(Exception ex) => ex is InvalidOperationException or DbUpdateException or DbException;

    /// <summary>Every reason enumeration and the resources that word it, <c>{prefix}.{Reason}</c>.</summary>
    private static readonly Dictionary<Type, string> Prefixes = new()
    {
        [typeof(FollowUpRefusal)] = "FollowUps.Refused",
        [typeof(MonthCloseRefusal)] = "MonthClose.Refused",
        [typeof(KpiCommentRefusal)] = "KpiComment.Refused",
        [typeof(SubscriptionRefusal)] = "Delivery.Error",
        [typeof(DeliveryFailure)] = "Delivery.Failure",
        [typeof(UserAccountRefusal)] = "Users.Refused",
    };

    /// <summary>The reason enumerations that have resources (every value of each must have one in both languages).</summary>
    public static IReadOnlyCollection<Type> Reasons => Prefixes.Keys;

    public static string Text<TReason>(RefusalException<TReason> refused, IStringLocalizer l) where TReason : struct, Enum =>
        Text(refused.Reason, l, refused.Args);

    public static string Text<TReason>(TReason reason, IStringLocalizer l, params object[] args) where TReason : struct, Enum =>
        l[Key(reason), [.. args.Select(a => a switch
        {
            FollowUpStatus status => FollowUpText.Status(status, l),
            RecordKind kind => RecordText.KindName(kind, l),
            _ => a,
        })]];

    public static string Key(Enum reason) => $"{Prefixes[reason.GetType()]}.{reason}";
}
