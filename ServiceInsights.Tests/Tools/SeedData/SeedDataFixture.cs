using ServiceInsights.Tools.SeedData;

namespace ServiceInsights.Tests.Tools.SeedData;

/// <summary>One generation of the default seed data and its rendered files, shared by the seed-data test classes.</summary>
public sealed class SeedDataFixture
{
    public SeedDataSet Data { get; } = SeedDataGenerator.Generate();

    public IReadOnlyList<(string Name, byte[] Bytes)> Files { get; }

    public SeedDataFixture() => Files = SeedDataWriter.Render(Data);

    public byte[] Bytes(string name) => Files.Single(f => f.Name == name).Bytes;

    /// <summary>The folder holding <c>ServiceInsights.sln</c>, found walking up from the test binaries.</summary>
    public static string RepositoryRoot()
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

[CollectionDefinition(Name)]
public sealed class SeedDataCollection : ICollectionFixture<SeedDataFixture>
{
    public const string Name = "Seed data";
}
