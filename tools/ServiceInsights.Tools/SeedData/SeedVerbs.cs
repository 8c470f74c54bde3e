using System.Diagnostics;
using ServiceInsights.Web.Cli;

namespace ServiceInsights.Tools.SeedData;

/// <summary><c>seed generate</c>: writes the deterministic seed files (the committed <c>seed-data/</c> folder).</summary>
public static class SeedVerbs
{
    public const string FolderName = "seed-data";

    public static Task<int> GenerateAsync(CliOptions options, IServiceProvider services, TextWriter output)
    {
        var directory = Path.GetFullPath(options.Get("out") ?? DefaultFolder(Directory.GetCurrentDirectory()));
        var clock = Stopwatch.StartNew();
        var data = SeedDataGenerator.Generate();
        var written = SeedDataWriter.Write(data, directory);
        output.WriteLine($"Wrote {written.Count} files to {directory} in {clock.Elapsed.TotalSeconds:0.0} s:");
        var width = written.Max(w => w.Name.Length);
        foreach (var (name, bytes) in written)
        {
            output.WriteLine($"  {name.PadRight(width)}  {SeedDataWriter.Describe(bytes),8}");
        }

        output.WriteLine($"{data.Tickets.Count} tickets, {data.Repairs.Count} repairs, {data.RepairUpdates.Count} repair updates, "
                         + $"{data.SiteVisits.Count} site visits, {data.Callbacks.Count} callbacks, {data.Complaints.Count} complaints, "
                         + $"{data.Quotes.Count} quotes.");
        return Task.FromResult(CommandLine.Ok);
    }

    /// <summary>The repository's <c>seed-data/</c> when a folder holding <c>ServiceInsights.sln</c> is found walking up
    /// from <paramref name="start"/>; else <c>./seed-data</c>.</summary>
    public static string DefaultFolder(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ServiceInsights.sln")))
            {
                return Path.Combine(dir.FullName, FolderName);
            }
        }

        return Path.Combine(start, FolderName);
    }
}
