using ServiceInsights.Tools.SeedData;

namespace ServiceInsights.Tests.Tools.SeedData;

/// <summary>One generation of the default seed data and its rendered files, shared by the seed-data test classes.</summary>
public sealed class SeedDataFixture
{
    public SeedDataSet Data { get; } = SeedDataGenerator.Generate();

    public IReadOnlyList<(string Name, byte[] Bytes)> Files { get; }

    public SeedDataFixture() => Files = SeedDataWriter.Render(Data);

    public byte[] Bytes(string name) => Files.Single(f => f.Name == name).Bytes;
}

[CollectionDefinition(Name)]
public sealed class SeedDataCollection : ICollectionFixture<SeedDataFixture>
{
    public const string Name = "Seed data";
}
