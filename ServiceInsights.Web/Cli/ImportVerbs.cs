using ServiceInsights.Data.Import;

namespace ServiceInsights.Web.Cli;

/// <summary>
/// <c>import FILE... [--kind K] [--dry-run]</c>: per file its counts and the first errors. Exit 0 when every row was
/// stored, 3 when some rows were rejected (the valid ones stored), 2 when a file could not be read at all or another import
/// was running (<see cref="ImportLease"/>).
/// </summary>
public static class ImportVerbs
{
    public const int SomeRejected = 3;
    public const int Unreadable = 2;
    private const int ErrorsShown = 10;

    public static async Task<int> ImportAsync(CliOptions options, IServiceProvider services, TextWriter output)
    {
        if (options.Positional.Count == 0)
        {
            throw new CliUsageException("name at least one file to import");
        }

        RecordKind? kind = null;
        if (options.Get("kind") is { } kindName)
        {
            kind = RecordSchemas.Find(kindName)?.Kind
                   ?? throw new CliUsageException($"unknown kind '{kindName}'; use one of {string.Join(", ", RecordSchemas.All.Select(s => $"{s.EnglishName} ({s.ChineseName})"))}");
        }

        var import = services.GetRequiredService<ImportService>();
        var lease = services.GetRequiredService<ImportLease>();
        var dryRun = options.Has("dry-run");
        bool unreadable = false, rejected = false;
        foreach (var path in options.Positional)
        {
            if (!File.Exists(path))
            {
                output.WriteLine($"{path}: NOT IMPORTED — file not found");
                unreadable = true;
                continue;
            }

            ImportResult result;
            try
            {
                // One import at a time across the app instances and the CLI on this database; a dry run writes nothing.
                await using var held = dryRun ? null : await lease.AcquireAsync(ImportLease.Holder(Environment.UserName));
                result = await import.ImportAsync(path, Path.GetFileName(path), new ImportOptions(kind, dryRun, Environment.UserName));
            }
            catch (ImportBusyException ex)
            {
                output.WriteLine($"{Path.GetFileName(path)}: NOT IMPORTED — {ex.Message}");
                unreadable = true;
                continue;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The import records its own failures; this is the last guard, so that the next file still runs.
                output.WriteLine($"{Path.GetFileName(path)}: NOT IMPORTED — {ex.GetBaseException().GetType().Name}: {ImportLimits.Echo(ex.GetBaseException().Message)}");
                unreadable = true;
                continue;
            }

            Print(result, output);
            unreadable |= result.FatalError is not null;
            rejected |= result.Rejected > 0;
        }

        return unreadable ? Unreadable : rejected ? SomeRejected : CommandLine.Ok;
    }

    private static void Print(ImportResult result, TextWriter output)
    {
        var mode = result.DryRun ? " (dry run: nothing stored)" : "";
        if (result.FatalError is { } fatal)
        {
            output.WriteLine($"{result.FileName}: NOT IMPORTED{mode} — {fatal}");
            return;
        }

        output.WriteLine($"{result.FileName}{mode}: {result.Rows} rows — {result.New} new, {result.Updated} updated, " +
                         $"{result.Unchanged} unchanged, {result.Rejected} rejected{(result.Unfilled > 0 ? $", {result.Unfilled} not filled in (skipped)" : "")} " +
                         $"({result.Elapsed.TotalSeconds:0.0} s)");
        foreach (var table in result.Tables)
        {
            var what = table.Kind is { } kind ? $"{RecordSchemas.For(kind).EnglishName} ({RecordSchemas.For(kind).ChineseName})" : "skipped";
            output.WriteLine($"  {table.Table}: {what} — {table.New} new, {table.Updated} updated, {table.Unchanged} unchanged, {table.Rejected} rejected");
            if (table.SkippedBecause is { } why)
            {
                output.WriteLine($"    {why}");
            }

            if (table.UnknownColumns.Count > 0)
            {
                output.WriteLine($"    unknown columns (ignored): {string.Join(", ", table.UnknownColumns)}");
            }
        }

        foreach (var rejection in result.Rejections.Take(ErrorsShown))
        {
            output.WriteLine($"  rejected: {rejection.Describe(chinese: false)}");
        }

        if (result.Rejected > ErrorsShown)
        {
            output.WriteLine($"  … and {result.Rejected - ErrorsShown} more rejected rows");
        }
    }
}
