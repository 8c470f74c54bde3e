using Microsoft.Extensions.Localization;
using ServiceInsights.Data.KpiComments;

namespace ServiceInsights.Web.Components.Pages.KpiComments;

/// <summary>A refused comment in the page's language (the exception's message is the log's).</summary>
public static class KpiCommentText
{
    public static string Refusal(KpiCommentException refused, IStringLocalizer l) => l[RefusalKey(refused.Reason), refused.Args];

    public static string RefusalKey(KpiCommentRefusal reason) => $"KpiComment.Refused.{reason}";
}
