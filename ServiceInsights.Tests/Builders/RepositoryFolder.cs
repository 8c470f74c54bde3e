namespace ServiceInsights.Tests.Builders;

/// <summary>The repository's folders, for tests that read what is committed (the seed data, the resource files, the web
/// project to publish).</summary>
public static class RepositoryFolder
{
    /// <summary>The folder holding <c>ServiceInsights.sln</c>, found walking up from the test binaries.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The committed <c>seed-data/</c> folder.</summary>
    public static string SeedData => Path.Combine(Root, "seed-data");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ServiceInsights.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("ServiceInsights.sln not found above " + AppContext.BaseDirectory);
    }
}
