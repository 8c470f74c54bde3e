namespace ServiceInsights.Tests.Builders;

/// <summary>A fresh folder under the system temp directory, deleted with the test.</summary>
public sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("si-test-").FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>A SQLite connection string for a database file that does not exist yet.</summary>
    public string SqliteConnectionString(string name = "serviceinsights.db") => $"Data Source={File(name)};Pooling=False";

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a closing process; the OS temp cleaner takes it later.
        }
    }
}
