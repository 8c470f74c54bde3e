using Microsoft.Extensions.Localization;
using MudBlazor;
using ServiceInsights.Data.FollowUps;

namespace ServiceInsights.Web.Components.Pages.FollowUps;

/// <summary>The words and colours of follow-up items, one place for the pages, the PDFs and the workbooks.</summary>
public static class FollowUpText
{
    public static string Source(FollowUpSource source, IStringLocalizer l) => l[$"FollowUps.Source.{source}"];

    public static string Status(FollowUpStatus status, IStringLocalizer l) => l[$"FollowUps.Status.{status}"];

    public static Color ColorOf(FollowUpRow row) => row.Status switch
    {
        FollowUpStatus.Verified => Color.Success,
        _ when row.Overdue => Color.Error,
        FollowUpStatus.Done => Color.Info,
        _ => Color.Default,
    };
}
