using System.Globalization;
using ServiceInsights.Data.Domain;
using ServiceInsights.Web.Hosting;
using L = Microsoft.Extensions.Localization.IStringLocalizer<ServiceInsights.Web.SharedResource>;

namespace ServiceInsights.Web.Exports;

public enum ExportFormat { Pdf, Xlsx }

/// <summary>A written report: what the browser or the CLI saves.</summary>
public sealed record ReportFile(string FileName, string ContentType, byte[] Content);

/// <summary>The two download formats, named one way for URLs, files and the CLI.</summary>
public static class ExportFormats
{
    public static IReadOnlyList<ExportFormat> All { get; } = Enum.GetValues<ExportFormat>();

    public static string Extension(ExportFormat format) => format == ExportFormat.Pdf ? "pdf" : "xlsx";

    public static string ContentType(ExportFormat format) => format == ExportFormat.Pdf
        ? "application/pdf"
        : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static bool TryParse(string? text, out ExportFormat format)
    {
        format = text?.Trim().ToLowerInvariant() switch { "pdf" => ExportFormat.Pdf, "xlsx" => ExportFormat.Xlsx, _ => (ExportFormat)(-1) };
        return Enum.IsDefined(format);
    }
}

/// <summary>One file of a report: its language (<see cref="Localization.Supported"/>) and its format.</summary>
public sealed record ReportEdition(string Language, ExportFormat Format)
{
    /// <summary>Every language and format, Chinese first: the files the month close archives of each report.</summary>
    public static IReadOnlyList<ReportEdition> All { get; } =
        [.. from language in Localization.Supported from format in ExportFormats.All select new ReportEdition(language, format)];

    /// <summary>The format in the current UI language: what a download writes.</summary>
    public static ReportEdition Current(ExportFormat format) => new(Localization.Current, format);
}

/// <summary>
/// How a report is named on every surface, declared once in the report's definition: the page's route (whose last segment
/// names the report in download URLs, the <c>report</c> verb and the month-close archive), the policy that may read it,
/// the resx keys of its file title and of its page heading, and the stems of its file names in each language.
/// </summary>
public sealed record ReportNames(string Route, string Policy, string TitleKey, string PageTitleKey, string ChineseFileStem, string EnglishFileStem)
{
    public const string RoutePrefix = "/reports/";

    /// <summary><c>callbacks</c> of <c>/reports/callbacks</c>: the download is <c>/reports/callbacks/2026-10.pdf</c>.</summary>
    public string Segment => Route[RoutePrefix.Length..];

    /// <summary>"回访报告-2026-10.pdf" / "callback-report-2026-10.pdf": the title in the file's language.</summary>
    public string FileName(ReportMonth month, ExportFormat format, CultureInfo? culture = null) =>
        $"{(Localization.IsChinese(culture) ? ChineseFileStem : EnglishFileStem)}-{month}.{ExportFormats.Extension(format)}";

    /// <summary>The download link of a report page: the page's month and as-of carried over.</summary>
    public string DownloadUrl(ReportMonth month, ExportFormat format, string? asOf = null) =>
        $"{Route}/{month}.{ExportFormats.Extension(format)}"
        + (string.IsNullOrWhiteSpace(asOf) ? "" : $"?{ReportPeriod.AsOfParameter}={Uri.EscapeDataString(asOf)}");
}

/// <summary>What a report page shows above the report itself (<c>ReportHeading</c>).</summary>
/// <param name="Settings">The settings in force, localized, as the downloads list them.</param>
/// <param name="TrendUpdating">The report's trend is still being computed from stored summaries; the page says so.</param>
/// <param name="FollowUpsUpdating">The follow-up items the report carries are being derived (after an import); the page says so.</param>
public sealed record ReportPageHeading(ReportMonth Month, DateTime AsOf, IReadOnlyList<int> UnknownYears,
    IReadOnlyList<(string Label, string Value)> Settings, bool TrendUpdating = false, bool FollowUpsUpdating = false);

/// <summary>
/// One monthly report as every surface sees it: its names (<see cref="ReportNames"/>) and its files, loaded through the
/// same query as its page. The endpoints, the <c>report</c> verb, the month close and the delivery find every report through
/// DI as this type (<see cref="ReportDefinitions.AddReport{TDefinition}"/>).
/// </summary>
public abstract class ReportDefinition(ReportNames names)
{
    public ReportNames Names => names;

    public string Segment => names.Segment;

    /// <summary>
    /// The report loaded once for the month and as-of and written as each edition asked for, each in its language: one file
    /// per edition, in their order. The month close writes all four editions of a report from one load, a delivery the
    /// formats of its subscription.
    /// </summary>
    /// <param name="asOfLocal">The as-of in the department's local time; now when null.</param>
    public abstract Task<IReadOnlyList<ReportFile>> ExportAsync(ReportMonth month, DateTime? asOfLocal, IReadOnlyList<ReportEdition> editions,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// <see cref="ExportAsync(ReportMonth, DateTime?, IReadOnlyList{ReportEdition}, CancellationToken)"/> with each file beside
    /// the edition it was written as; a definition that returned another count of files is refused rather than paired wrongly.
    /// </summary>
    public async Task<IReadOnlyList<(ReportEdition Edition, ReportFile File)>> ExportEachAsync(ReportMonth month, DateTime? asOfLocal,
        IReadOnlyList<ReportEdition> editions, CancellationToken cancellationToken = default)
    {
        var files = await ExportAsync(month, asOfLocal, editions, cancellationToken);
        return files.Count == editions.Count
            ? [.. editions.Zip(files)]
            : throw new InvalidOperationException($"The {Segment} report wrote {files.Count} files for {editions.Count} editions.");
    }

    /// <summary>The download: one edition, in the current UI language.</summary>
    /// <param name="asOfLocal">The as-of in the department's local time; now when null.</param>
    public async Task<ReportFile> ExportAsync(ReportMonth month, DateTime? asOfLocal, ExportFormat format, CancellationToken cancellationToken = default) =>
        (await ExportAsync(month, asOfLocal, [ReportEdition.Current(format)], cancellationToken)).Single();
}

/// <summary>
/// A report declared once: its names, its query (<see cref="LoadAsync"/>), what its page shows above it
/// (<see cref="HeadingAsync"/>), its PDF writer and its sheet writer. The files are written the same way for every report
/// (<see cref="ExportAsync"/>), and so is the page around it (<c>ReportPage</c>). The model a query loads holds no text of
/// one language (a rule's reasons come in both, <c>BilingualText</c>): the writers word it, in the culture each edition sets.
/// </summary>
public abstract class ReportDefinition<TModel>(ReportNames names, L localizer, DepartmentClock clock) : ReportDefinition(names)
{
    protected L Localizer => localizer;

    /// <summary>The report for a month and as-of (local time; now when null), as its downloads show it.</summary>
    public abstract Task<TModel> LoadAsync(ReportMonth month, DateTime? asOfLocal, CancellationToken cancellationToken = default);

    /// <summary>The report as its page shows it, with the heading; the downloads' report unless a report says otherwise.</summary>
    public virtual async Task<(TModel Report, ReportPageHeading Heading)> LoadPageAsync(ReportMonth month, DateTime? asOfLocal,
        CancellationToken cancellationToken = default)
    {
        var report = await LoadAsync(month, asOfLocal, cancellationToken);
        return (report, await HeadingAsync(report, cancellationToken));
    }

    protected abstract Task<ReportPageHeading> HeadingAsync(TModel report, CancellationToken cancellationToken);

    protected abstract byte[] WritePdf(TModel report, DateTime generatedAt);

    protected abstract Task<byte[]> WriteSheetAsync(TModel report, DateTime generatedAt, CancellationToken cancellationToken);

    public sealed override async Task<IReadOnlyList<ReportFile>> ExportAsync(ReportMonth month, DateTime? asOfLocal, IReadOnlyList<ReportEdition> editions,
        CancellationToken cancellationToken = default)
    {
        var report = await LoadAsync(month, asOfLocal, cancellationToken);
        var generatedAt = clock.LocalNow;
        var files = new List<ReportFile>(editions.Count);
        foreach (var (language, format) in editions)
        {
            using var _ = Localization.Use(language);
            var content = format == ExportFormat.Pdf
                ? WritePdf(report, generatedAt)
                : await WriteSheetAsync(report, generatedAt, cancellationToken);
            files.Add(new ReportFile(Names.FileName(month, format, CultureInfo.CurrentUICulture), ExportFormats.ContentType(format), content));
        }

        return files;
    }
}

public static class ReportDefinitions
{
    /// <summary>
    /// Registers a report: as itself (its page injects it) and as a <see cref="ReportDefinition"/> (the endpoints, the
    /// <c>report</c> verb and the month close enumerate those, in the order registered).
    /// </summary>
    public static IServiceCollection AddReport<TDefinition>(this IServiceCollection services) where TDefinition : ReportDefinition
    {
        services.AddSingleton<TDefinition>();
        services.AddSingleton<ReportDefinition>(sp => sp.GetRequiredService<TDefinition>());
        return services;
    }

    /// <summary>The report named by its segment (<c>callbacks</c>), or null.</summary>
    public static ReportDefinition? Find(this IEnumerable<ReportDefinition> reports, string segment) =>
        reports.SingleOrDefault(r => string.Equals(r.Segment, segment, StringComparison.OrdinalIgnoreCase));
}
