using System.Security.Cryptography;

namespace ServiceInsights.Web.Hosting;

/// <summary>
/// The security headers every response carries (pages, downloads, the API, static files, errors): a content security
/// policy that Blazor Server and MudBlazor run under, no MIME sniffing, no referrer sent to other sites, and no browser
/// features the app does not use. The page's one inline script, the import map, carries the request's nonce.
/// </summary>
public static class SecurityHeaders
{
    private const string NonceKey = "csp-nonce";

    /// <summary>The request's CSP nonce, for the <c>&lt;ImportMap nonce=…&gt;</c> of <c>App.razor</c>.</summary>
    public static string Nonce(HttpContext http) =>
        http.Items[NonceKey] as string ?? throw new InvalidOperationException("The security headers middleware has not run.");

    /// <summary>
    /// <c>style-src 'unsafe-inline'</c>: MudBlazor sets <c>style</c> attributes (popover positions, chart sizes); inline
    /// scripts stay forbidden. <c>connect-src 'self'</c> covers the circuit's WebSocket on the same host.
    /// </summary>
    public static string Policy(string nonce) =>
        "default-src 'self'; " +
        $"script-src 'self' 'nonce-{nonce}'; " +
        "style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data:; " +
        "font-src 'self' data:; " +
        "connect-src 'self'; " +
        "object-src 'none'; " +
        "base-uri 'self'; " +
        "form-action 'self'; " +
        "frame-ancestors 'none'";

    public const string PermissionsPolicy = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        // Hex, not base64: a '+' or '=' would be HTML-encoded in the attribute (&#x2B;), and the page's copy would then differ
        // from the header's in every reader that does not decode it.
        var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        http.Items[NonceKey] = nonce;
        // Set when the response starts: the exception handler clears the headers of a failed response before it
        // re-executes, and this puts them back on the error page too.
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            headers.ContentSecurityPolicy = Policy(nonce);
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "same-origin";
            headers["Permissions-Policy"] = PermissionsPolicy;
            headers.XFrameOptions = "DENY";
            return Task.CompletedTask;
        });
        return next(http);
    });
}
