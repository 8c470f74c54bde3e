using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;
using ServiceInsights.Data.Import;
using ServiceInsights.Web.Hosting;

namespace ServiceInsights.Web.Import;

/// <summary>The download of an import's rejected rows as a workbook to fix and re-import.</summary>
public static partial class ImportEndpoints
{
    public const string RejectedRowsPath = "/import/rejected";
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static string RejectedRowsUrl(string token) => $"{RejectedRowsPath}/{token}.xlsx";

    public static IEndpointRouteBuilder MapImportEndpoints(this IEndpointRouteBuilder app)
    {
        // The policy is checked here too, not only on the page: the link can be copied.
        app.MapGet(RejectedRowsPath + "/{token}.xlsx", DownloadRejectedRows).RequireAuthorization(Policies.Import);
        return app;
    }

    /// <summary>
    /// The workbook for the user who ran the import, in the language of this request. Any other user, an expired or a
    /// made-up token gets 404: whether the token exists is nobody else's business.
    /// </summary>
    private static async Task<IResult> DownloadRejectedRows(string token, HttpContext http, ClaimsPrincipal user, RejectedRowsStore store,
        IStringLocalizer<SharedResource> L, CancellationToken cancellationToken)
    {
        if (!Token().IsMatch(token) || user.FindFirstValue(ClaimTypes.NameIdentifier) is not { } owner
            || await store.FindAsync(token, owner, cancellationToken) is not { } result)
        {
            return Results.NotFound();
        }

        var stream = new MemoryStream();
        RejectedRowsWorkbook.Write(result, stream, Localization.IsChinese());
        stream.Position = 0;
        // Customer data: nothing between the server and the browser keeps a copy.
        http.Response.Headers.CacheControl = "no-store";
        var name = L["Import.RejectedFileName", Path.GetFileNameWithoutExtension(result.FileName)].Value;
        return Results.File(stream, XlsxContentType, name);
    }

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex Token();
}
