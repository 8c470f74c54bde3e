using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Entities;
using ServiceInsights.Data.FollowUps;
using ServiceInsights.Data.Persistence;
using ServiceInsights.Tools.SeedData;

namespace ServiceInsights.Tools.Bench;

/// <summary>What <see cref="BenchDatabase.EnsureAsync"/> built or found: the file and its row counts.</summary>
public sealed record BenchDatabaseInfo(string File, bool Reused, int Copies, IReadOnlyDictionary<string, long> Rows, TimeSpan BuildTime)
{
    public long Tickets => Rows[nameof(ServiceInsightsDbContext.Tickets)];
}

/// <summary>
/// A large SQLite database for benchmarks: the seed data's year (<see cref="SeedDataGenerator"/>, default options) written
/// <c>copies</c> times, so every kind of record keeps the seed's proportions and every rule has met, missed and pending
/// records. Copy k's record numbers, ticket links and customer names get the suffix <c>-k</c> (keys stay unique, a
/// customer's repeat complaints stay within its copy), its times are the seed's: one copy's KPI counts × copies = the
/// database's. Rows go in through plain prepared <c>INSERT</c>s (one transaction, columns and value conversions from the
/// EF model) rather than through the import: the import is benchmarked on its own, and this takes seconds, not minutes.
/// The file is named after the ticket count and only renamed into place when complete, so an existing one is reused
/// (migrated first).
/// </summary>
public static class BenchDatabase
{
    /// <param name="tickets">Tickets wanted; rounded to whole copies of the seed year (at least one).</param>
    public static async Task<BenchDatabaseInfo> EnsureAsync(string directory, int tickets, DepartmentClock clock, TextWriter? log = null,
        CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, $"kpi-{tickets}.db");
        var watch = Stopwatch.StartNew();
        if (File.Exists(file))
        {
            // A file built by an earlier version gets this version's migrations (an index changed, say), as the app's would.
            await MigrateAsync(file, cancellationToken);
            SqliteConnection.ClearAllPools();
            return new BenchDatabaseInfo(file, true, 0, await CountAsync(file, cancellationToken), watch.Elapsed);
        }

        var seed = SeedDataGenerator.Generate();
        var copies = Math.Max(1, (int)Math.Round(tickets / (double)seed.Tickets.Count));
        log?.WriteLine($"building {file}: the seed year ({seed.Tickets.Count:N0} tickets) × {copies} copies …");
        var building = file + ".building";
        Delete(building);
        // Created as the app creates a new file (its page size, WAL), then filled.
        await MigrateAsync(building, cancellationToken);
        await using (var db = OpenContext(building))
        {
            await WriteCopiesAsync(db, seed, copies, clock, cancellationToken);
        }

        // A database in use has its follow-up items: the app derives them after each import (decision 034). Derived here
        // once, so that the first start of a server on the file does not derive ~90,000 items while it is being measured.
        await new FollowUpService(Factory(building), clock).SyncAsync(cancellationToken);

        SqliteConnection.ClearAllPools();
        File.Move(building, file);
        return new BenchDatabaseInfo(file, false, copies, await CountAsync(file, cancellationToken), watch.Elapsed);
    }

    /// <summary>Creates or updates the file's schema as the app does on start.</summary>
    private static Task MigrateAsync(string file, CancellationToken cancellationToken) =>
        Factory(file).MigrateAsync(new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={file}"), cancellationToken);

    /// <summary>An EF context on a SQLite file, configured as the app configures it.</summary>
    public static ServiceInsightsDbContext OpenContext(string file) => Factory(file).CreateDbContext();

    /// <summary>A context factory on a SQLite file, for the queries a benchmark times.</summary>
    public static IDbContextFactory<ServiceInsightsDbContext> Factory(string file) => new SqliteContextFactory($"Data Source={file}");

    private static async Task WriteCopiesAsync(ServiceInsightsDbContext db, SeedDataSet seed, int copies, DepartmentClock clock,
        CancellationToken cancellationToken)
    {
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        await using (var pragma = connection.CreateCommand())
        {
            // A scratch file built in one go: no journal, no fsync.
            pragma.CommandText = "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-200000;";
            await pragma.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        foreach (var kind in Enum.GetValues<ServiceInsights.Data.Import.RecordKind>())
        {
            var records = seed.Records(kind);
            if (records.Count == 0)
            {
                continue;
            }

            var writer = new TableWriter(db.Model.FindEntityType(records[0].GetType())!, connection, transaction, clock);
            for (var copy = 0; copy < copies; copy++)
            {
                var suffix = "-" + copy.ToString(CultureInfo.InvariantCulture);
                foreach (var record in records)
                {
                    writer.Insert(record, suffix);
                }
            }
        }

        await transaction.CommitAsync(cancellationToken);
        await using var analyze = connection.CreateCommand();
        analyze.CommandText = "ANALYZE; PRAGMA journal_mode=WAL;";
        await analyze.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<IReadOnlyDictionary<string, long>> CountAsync(string file, CancellationToken cancellationToken)
    {
        await using var db = OpenContext(file);
        return new Dictionary<string, long>
        {
            [nameof(db.Tickets)] = await db.Tickets.LongCountAsync(cancellationToken),
            [nameof(db.Repairs)] = await db.Repairs.LongCountAsync(cancellationToken),
            [nameof(db.RepairUpdates)] = await db.RepairUpdates.LongCountAsync(cancellationToken),
            [nameof(db.SiteVisits)] = await db.SiteVisits.LongCountAsync(cancellationToken),
            [nameof(db.Callbacks)] = await db.Callbacks.LongCountAsync(cancellationToken),
            [nameof(db.Complaints)] = await db.Complaints.LongCountAsync(cancellationToken),
            [nameof(db.Quotes)] = await db.Quotes.LongCountAsync(cancellationToken),
        };
    }

    private static void Delete(string path)
    {
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
        {
            File.Delete(path + suffix);
        }
    }

    /// <summary>One prepared INSERT of every mapped column but the generated id; values through the model's converters.</summary>
    private sealed class TableWriter
    {
        private readonly SqliteCommand _command;
        private readonly (PropertyInfo Property, Func<object?, object?> ToProvider, bool Renamed, SqliteParameter Parameter)[] _columns;
        private readonly DepartmentClock _clock;

        public TableWriter(Microsoft.EntityFrameworkCore.Metadata.IEntityType entity, SqliteConnection connection, SqliteTransaction transaction,
            DepartmentClock clock)
        {
            _clock = clock;
            var properties = entity.GetProperties().Where(p => !p.IsPrimaryKey() && p.PropertyInfo is not null).ToList();
            _command = connection.CreateCommand();
            _command.Transaction = transaction;
            _command.CommandText = $"INSERT INTO \"{entity.GetTableName()}\" ({string.Join(", ", properties.Select(p => $"\"{p.GetColumnName()}\""))}) " +
                                   $"VALUES ({string.Join(", ", properties.Select((_, i) => $"$p{i}"))})";
            _columns = [.. properties.Select((p, i) =>
            {
                var converter = p.GetTypeMapping().Converter;
                var parameter = _command.Parameters.Add(new SqliteParameter($"$p{i}", null));
                // Record numbers, links to them and customer names are made unique per copy.
                var renamed = p.ClrType == typeof(string) && (p.Name.EndsWith("No", StringComparison.Ordinal) && p.Name != nameof(Ticket.SerialNo)
                                                               || p.Name == nameof(Ticket.Customer));
                return (p.PropertyInfo!, converter is null ? (Func<object?, object?>)(v => v) : converter.ConvertToProvider, renamed, parameter);
            })];
            _command.Prepare();
        }

        public void Insert(object record, string suffix)
        {
            foreach (var (property, toProvider, renamed, parameter) in _columns)
            {
                var value = property.GetValue(record);
                value = value switch
                {
                    // The seed set is in local department time; the database stores UTC.
                    DateTime local => _clock.ToUtc(local),
                    string text when renamed => text + suffix,
                    _ => value,
                };
                parameter.Value = value is null ? DBNull.Value : toProvider(value) ?? DBNull.Value;
            }

            _command.ExecuteNonQuery();
        }
    }
}
