using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using ServiceInsights.Data.Persistence;
using ServiceInsights.Data.Persistence.Sqlite;

namespace ServiceInsights.Tests.Persistence.Sqlite;

/// <summary>
/// The import's writer and the reports' row reader call SQLite's native library directly with statement pointers that
/// Microsoft.Data.Sqlite (through SQLitePCL) prepared: only when both run on the same library. The app ships the
/// e_sqlite3 bundle; a change of bundle must turn the direct path off (the provider-neutral one then serves), not pass a
/// pointer from one build of SQLite to another.
/// </summary>
public sealed class SqliteNativeTests
{
    [Fact]
    public void ServesSqliteConnectionsOnTheBundledLibraryOnly()
    {
        using var sqlite = new SqliteConnection("Data Source=:memory:");
        sqlite.Open();

        Assert.Equal("e_sqlite3", SQLitePCL.raw.GetNativeLibraryName());
        Assert.True(SqliteNative.Serves(sqlite));
        Assert.False(SqliteNative.Serves(new SqlConnection()));
        Assert.False(SqliteNative.Serves(null));
    }

    [Fact]
    public void ReadsAColumnsTextWhereSqliteKeepsIt()
    {
        using var sqlite = new SqliteConnection("Data Source=:memory:");
        sqlite.Open();
        SQLitePCL.raw.sqlite3_prepare_v2(sqlite.Handle, "SELECT '工单 GD-1', NULL, 42", out var statement);
        using (statement)
        {
            var pointer = statement.DangerousGetHandle();
            Assert.Equal(SQLitePCL.raw.SQLITE_ROW, SqliteNative.Step(pointer));

            Assert.Equal("工单 GD-1", System.Text.Encoding.UTF8.GetString(SqliteNative.ColumnUtf8(pointer, 0)));
            Assert.Equal(SQLitePCL.raw.SQLITE_NULL, SqliteNative.ColumnType(pointer, 1));
            Assert.True(SqliteNative.ColumnUtf8(pointer, 1).IsEmpty);
            Assert.Equal(42, SqliteNative.ColumnInt64(pointer, 2));
        }
    }
}
