namespace ServiceInsights.Data.Reports;

/// <summary>Small text helpers shared by the report models.</summary>
public static class ReportText
{
    /// <summary>Product name and model joined by a space; null when both are blank.</summary>
    public static string? Product(string? name, string? model)
    {
        var text = string.Join(" ", new[] { name?.Trim(), model?.Trim() }.Where(s => !string.IsNullOrEmpty(s)));
        return text.Length == 0 ? null : text;
    }
}
