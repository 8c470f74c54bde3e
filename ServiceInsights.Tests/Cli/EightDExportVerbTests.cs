using ClosedXML.Excel;
using ServiceInsights.Data.Persistence;
using ServiceInsights.Tests.Builders;
using ServiceInsights.Web.Cli;
using UglyToad.PdfPig;

namespace ServiceInsights.Tests.Cli;

/// <summary><c>eightd NUMBER --format pdf|xlsx [--lang …] --out PATH</c> through the real command line on a SQLite file.</summary>
public sealed class EightDExportVerbTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = await CommandLine.RunAsync(args, stdout, stderr, builder =>
            builder.Configuration["ConnectionStrings:ServiceInsights"] = _folder.SqliteConnectionString("cli.db"));
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private async Task<string> DraftAsync()
    {
        Assert.Equal(0, (await RunAsync("migrate")).Exit);
        await using (var db = new SqliteContextFactory(_folder.SqliteConnectionString("cli.db")).CreateDbContext())
        {
            db.Add(new ComplaintBuilder().No("TS-CLI").Customer("河南站").Build());
            await db.SaveChangesAsync();
        }

        Assert.Equal(0, (await RunAsync("users", "add", "--email", "qe.li@example.cn", "--role", "QualityEngineer", "--password", "Str0ng#Pass", "--name", "李静")).Exit);
        return (await RunAsync("eightd", "draft", "--complaint", "TS-CLI", "--author", "qe.li@example.cn")).Out.Trim();
    }

    [Fact]
    public async Task WritesTheChinesePdfByDefault()
    {
        var number = await DraftAsync();
        var path = _folder.File("out/8d.pdf");

        var (exit, output, error) = await RunAsync("eightd", number, "--format", "pdf", "--out", path);

        Assert.Equal(("", 0), (error, exit));
        Assert.Contains($"{number}.pdf", output);
        using var pdf = PdfDocument.Open(await File.ReadAllBytesAsync(path));
        var text = string.Concat(pdf.GetPages().SelectMany(p => p.Letters).Select(l => l.Value)).Replace(" ", "");
        Assert.Contains("D1成立小组", text);
        Assert.Contains("TS-CLI", text);
    }

    [Fact]
    public async Task WritesTheEnglishWorkbook()
    {
        var number = await DraftAsync();
        var path = _folder.File("8d.xlsx");

        var (exit, _, error) = await RunAsync("eightd", number, "--format", "xlsx", "--lang", "en-US", "--out", path);

        Assert.Equal(("", 0), (error, exit));
        using var workbook = new XLWorkbook(path);
        Assert.Equal(number, workbook.Worksheet(1).Name);
        Assert.Contains(workbook.Worksheet(1).CellsUsed(), c => c.GetString() == "D1 Team");
        Assert.Equal("Linked records", workbook.Worksheet(2).Name);
    }

    [Theory]
    [InlineData(CommandLine.Failed, "error: unknown 8D number '8D-2026-9999'", "eightd", "8D-2026-9999", "--format", "pdf", "--out", "x.pdf")]
    [InlineData(CommandLine.Usage, "error: --format 'docx' is not pdf or xlsx", "eightd", "8D-2026-0001", "--format", "docx", "--out", "x.docx")]
    [InlineData(CommandLine.Usage, "error: --lang 'fr-FR' is not one of zh-CN, en-US", "eightd", "8D-2026-0001", "--format", "pdf", "--lang", "fr-FR", "--out", "x.pdf")]
    [InlineData(CommandLine.Usage, "error: name one 8D number, e.g. eightd 8D-2026-0001 --format pdf --out 8D.pdf", "eightd", "--format", "pdf", "--out", "x.pdf")]
    public async Task BadInputFailsWithOneClearLine(int expectedExit, string message, params string[] args)
    {
        await DraftAsync();

        var (exit, output, error) = await RunAsync(args.Select(a => a.StartsWith("x.", StringComparison.Ordinal) ? _folder.File(a) : a).ToArray());

        Assert.Equal(expectedExit, exit);
        Assert.Equal("", output);
        Assert.Equal(message, error.Trim());
        Assert.Empty(Directory.GetFiles(_folder.Path, "x.*"));
    }

    [Fact]
    public async Task AMissingFormatSaysTheOptionIsRequired()
    {
        var number = await DraftAsync();

        var (exit, _, error) = await RunAsync("eightd", number, "--out", _folder.File("x.pdf"));

        Assert.Equal(CommandLine.Usage, exit);
        Assert.Contains("option --format is required", error);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }
}
