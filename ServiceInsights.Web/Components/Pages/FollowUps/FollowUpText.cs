using Microsoft.Extensions.Localization;
using MudBlazor;
using ServiceInsights.Data.FollowUps;

namespace ServiceInsights.Web.Components.Pages.FollowUps;

/// <summary>The words and colours of follow-up items, one place for the pages, the PDFs and the workbooks.</summary>
public static class FollowUpText
{
    public static string Source(FollowUpSource source, IStringLocalizer l) => l[$"FollowUps.Source.{source}"];

    public static string Status(FollowUpStatus status, IStringLocalizer l) => l[$"FollowUps.Status.{status}"];

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
