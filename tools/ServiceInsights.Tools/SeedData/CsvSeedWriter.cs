using System.Text;

namespace ServiceInsights.Tools.SeedData;

/// <summary>Writes one sheet as RFC 4180 CSV: comma-separated, CRLF line ends, a field quoted when it holds a comma, quote,
/// line break or surrounding space, quotes doubled.</summary>
public static class CsvSeedWriter
{
    /// <summary>GB18030 (code page 54936) from <see cref="CodePagesEncodingProvider"/>, strict both ways.</summary>
    public static Encoding Gb18030 { get; } = CreateGb18030();

    /// <summary>UTF-8 that throws on invalid text; its preamble is the BOM.</summary>
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: true, throwOnInvalidBytes: true);

    public static byte[] Render(SeedSheet sheet, SeedDataSet data, CsvEncoding encoding)
    {
        var text = new StringBuilder();
        var fields = sheet.Schema.Fields;
        AppendRow(text, fields.Select(f => f.Header(sheet.Style.ChineseHeaders)));
        var properties = fields.Select(f => sheet.Schema.EntityType.GetProperty(f.Property)!).ToList();
        foreach (var row in sheet.Rows(data))
        {
            AppendRow(text, fields.Select((f, i) => SeedValueFormatter.Format(f, properties[i].GetValue(row), sheet.Style)));
        }

        var content = text.ToString();
        return encoding switch
        {
            CsvEncoding.Utf8Bom => [.. Utf8.GetPreamble(), .. Utf8.GetBytes(content)],
            CsvEncoding.Utf8 => Utf8.GetBytes(content),
            _ => Gb18030.GetBytes(content),
        };
    }

    public static string EncodingName(CsvEncoding encoding) => encoding switch
    {
        CsvEncoding.Utf8Bom => "UTF-8 with BOM",
        CsvEncoding.Utf8 => "UTF-8 (no BOM)",
        _ => "GB18030",
    };

    private static void AppendRow(StringBuilder text, IEnumerable<string> values)
    {
        var first = true;
        foreach (var value in values)
        {
            if (!first)
            {
                text.Append(',');
            }

            first = false;
            if (NeedsQuotes(value))
            {
                text.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            }
            else
            {
                text.Append(value);
            }
        }

        text.Append("\r\n");
    }

    private static bool NeedsQuotes(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 || (value.Length > 0 && (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1])));

    private static Encoding CreateGb18030()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(54936, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    }
}
