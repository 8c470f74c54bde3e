using System.Globalization;
using System.Text;

namespace ServiceInsights.Tools.SeedData;

/// <summary>One written seed file: its name, size and rows per sheet.</summary>
public sealed record WrittenSeedFile(SeedFile File, long Bytes, IReadOnlyList<int> RowsPerSheet);

/// <summary>Renders the seed files and their README to bytes, and writes them to a folder.</summary>
public static class SeedDataWriter
{
    public const string ReadmeName = "README.md";

    /// <summary>Every file of <paramref name="files"/> plus the README, by file name, in order.</summary>
    public static IReadOnlyList<(string Name, byte[] Bytes)> Render(SeedDataSet data, IReadOnlyList<SeedFile>? files = null)
    {
        files ??= SeedFiles.Default;
        var rendered = files.Select(f => (File: f, Bytes: RenderFile(f, data))).ToList();
        var written = rendered.Select(r => new WrittenSeedFile(r.File, r.Bytes.Length, [.. r.File.Sheets.Select(s => s.Rows(data).Count)])).ToList();
        return [.. rendered.Select(r => (r.File.Name, r.Bytes)), (ReadmeName, Encoding.UTF8.GetBytes(SeedReadme.Render(data, written)))];
    }

    /// <summary>Writes the files into <paramref name="directory"/> (created when missing), replacing same-named files.</summary>
    public static IReadOnlyList<(string Name, long Bytes)> Write(SeedDataSet data, string directory, IReadOnlyList<SeedFile>? files = null)
    {
        Directory.CreateDirectory(directory);
        var written = new List<(string, long)>();
        foreach (var (name, bytes) in Render(data, files))
        {
            File.WriteAllBytes(Path.Combine(directory, name), bytes);
            written.Add((name, bytes.LongLength));
        }

        return written;
    }

    public static byte[] RenderFile(SeedFile file, SeedDataSet data) =>
        file.IsXlsx
            ? XlsxSeedWriter.Render(file.Sheets, data)
            : CsvSeedWriter.Render(file.Sheets.Single(), data, file.Encoding ?? CsvEncoding.Utf8Bom);

    public static string Describe(long bytes) =>
        bytes >= 1024 * 1024
            ? (bytes / 1024.0 / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " MB"
            : (bytes / 1024.0).ToString("0", CultureInfo.InvariantCulture) + " KB";
}
