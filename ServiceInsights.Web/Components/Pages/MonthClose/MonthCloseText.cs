using Microsoft.Extensions.Localization;
using ServiceInsights.Data.MonthClose;

namespace ServiceInsights.Web.Components.Pages.MonthClose;

/// <summary>A refused close or reopening in the page's language (the exception's message is the log's and the CLI's).</summary>
public static class MonthCloseText
{
    public static string Refusal(MonthCloseException refused, IStringLocalizer l) => l[RefusalKey(refused.Reason), refused.Args];

    public static string RefusalKey(MonthCloseRefusal reason) => $"MonthClose.Refused.{reason}";
}
