using Microsoft.Extensions.Localization;
using MudBlazor;
using ServiceInsights.Data.FollowUps;
using ServiceInsights.Data.Import;
using ServiceInsights.Web.Components.Pages.Records;

namespace ServiceInsights.Web.Components.Pages.FollowUps;

/// <summary>The words and colours of follow-up items, one place for the pages, the PDFs and the workbooks.</summary>
public static class FollowUpText
{
    public static string Source(FollowUpSource source, IStringLocalizer l) => l[$"FollowUps.Source.{source}"];

    public static string Status(FollowUpStatus status, IStringLocalizer l) => l[$"FollowUps.Status.{status}"];

    /// <summary>A refused change in the page's language; a status or record kind among the arguments is worded too.</summary>
    public static string Refusal(FollowUpException refused, IStringLocalizer l) =>
        l[RefusalKey(refused.Reason), [.. refused.Args.Select(a => a switch
        {
            FollowUpStatus status => Status(status, l),
            RecordKind kind => RecordText.KindName(kind, l),
            _ => a,
        })]];

    public static string RefusalKey(FollowUpRefusal reason) => $"FollowUps.Refused.{reason}";

    /// <summary>What an item still needs before it may be reported done, in a few words (待指派负责人), for under the button;
    /// <paramref name="reason"/> is one of <see cref="FollowUpRow.MissingForDone"/>.</summary>
    public static string NeedKey(FollowUpRefusal reason) => $"FollowUps.DoneNeeds.{reason}";

    public static Color ColorOf(FollowUpRow row) => row.Status switch
    {
        FollowUpStatus.Verified => Color.Success,
        _ when row.Overdue => Color.Error,
        FollowUpStatus.Done => Color.Info,
        _ => Color.Default,
    };
}
