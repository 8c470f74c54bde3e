namespace ServiceInsights.Web.Imports;

/// <summary>The <c>Import</c> section of the configuration.</summary>
public sealed class ImportSettings
{
    public const string Section = "Import";

    /// <summary>The largest file the Import page takes, in megabytes (<c>Import:MaxFileSizeMB</c>, default 200).</summary>
    public int MaxFileSizeMB { get; set; } = 200;

    public long MaxFileSizeBytes => MaxFileSizeMB * 1024L * 1024L;
}
