using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Entities;
using ServiceInsights.Data.Persistence;

namespace ServiceInsights.Data.Import;

/// <summary>
/// Takes in one file of the department's exports: reads every table, rejects the rows that cannot be read (with file,
/// sheet, row, column, value and reason) and upserts the rest by key — all valid rows of the file in one transaction,
/// so a failure midway (database error, cancellation, a killed process) leaves the database as it was. A dry run does
/// the same work and rolls back, which gives exact preview counts. Committed and failed imports are recorded in the
/// import history.
/// </summary>
public sealed class ImportService(IDbContextFactory<ServiceInsightsDbContext> factory, DepartmentClock clock, DataVersion? dataVersion = null)
{
    public const int BatchSize = 1000;
    private const string CancelledText = "Cancelled: nothing was stored.";
    private const string CancelledChinese = "已取消：未保存任何数据。";
    private const int ProgressEvery = 2000;

    /// <summary>
    /// The WAL checkpoint a large SQLite import leaves to run after it returns (see <see cref="SqliteBulkLoad"/>); a
    /// completed task when there is none. The import's data is committed and durable before this starts; the bench
    /// waits for it so that its figures do not overlap the next measurement.
    /// </summary>
    public Task PendingCheckpoint { get; private set; } = Task.CompletedTask;

    /// <summary>Runs on a pool thread: the reading and writing are synchronous, and a caller on a UI circuit must stay responsive.</summary>
    public Task<ImportResult> ImportAsync(string path, string fileName, ImportOptions options,
        IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Task.Run(() => RunAsync(path, fileName, options, progress, cancellationToken), CancellationToken.None);

    private async Task<ImportResult> RunAsync(string path, string fileName, ImportOptions options,
        IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var startedAt = clock.UtcNow;
        var size = new FileInfo(path).Length;
        var tables = new List<TableResult>();
        var rejections = new List<RowRejection>();
        var sha256 = "";

        ImportResult Result(ImportStatus status, string? fatal = null, long? batchId = null, string? fatalChinese = null) =>
            new(fileName, sha256, size, options.DryRun, tables, rejections, fatal, status, watch.Elapsed, batchId, fatalChinese);

        // The file's SHA-256 for the history is computed beside the import, not before it: while the indexes are rebuilt
        // and the transaction commits, the import keeps only one core busy. It is awaited before anything is recorded.
        var hashing = Task.Run(() => HashAsync(path, cancellationToken), CancellationToken.None);
        async Task<string> HashOrEmptyAsync()
        {
            try
            {
                return await hashing;
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException)
            {
                return "";
            }
        }

        // Opening the transaction is quick; cancellation is honoured from here on inside the try below.
        await using var db = await factory.CreateDbContextAsync(CancellationToken.None);
        await db.Database.OpenConnectionAsync(CancellationToken.None);
        await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
        using var tuning = SqliteBulkLoad.Tune(db, transaction.GetDbTransaction(), size);
        var batch = new ImportBatch
        {
            FileName = fileName, Sha256 = "", FileSize = size, UserName = options.UserName, StartedAt = startedAt,
            FinishedAt = startedAt, Status = ImportStatus.Committed,
        };
        try
        {
            db.ImportBatches.Add(batch);
            await db.SaveChangesAsync(cancellationToken);

            using (var file = ImportFiles.Open(path, fileName))
            {
                foreach (var table in file.Tables())
                {
                    tables.Add(ImportTable(db, transaction.GetDbTransaction(), tuning, file, table, options, batch.Id,
                        rejections, progress, cancellationToken));
                }
            }

            if (!tables.Any(t => t.Kind is not null))
            {
                throw tables.Count == 0
                    ? new ImportFileException($"{fileName}: no table with a header row was found.", $"{fileName}：没有找到带表头的表格。")
                    : new ImportFileException($"{fileName}: {tables[0].SkippedBecause}", $"{fileName}：{tables[0].SkippedBecauseChinese}");
            }

            batch.Sha256 = sha256 = await hashing;
            var result = Result(tables.Sum(t => t.Rejected) > 0 ? ImportStatus.PartlyRejected : ImportStatus.Committed, batchId: batch.Id);
            if (options.DryRun)
            {
                await transaction.RollbackAsync(CancellationToken.None);
                return result with { BatchId = null };
            }

            Record(batch, result, clock.UtcNow);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            if (tuning is { DefersCheckpoint: true })
            {
                PendingCheckpoint = SqliteBulkLoad.CheckpointAsync(db.Database.GetConnectionString()!);
            }

            dataVersion?.Bump();
            return result;
        }
        catch (ImportFileException ex)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            tables.Clear();
            sha256 = await HashOrEmptyAsync();
            return await FailedAsync(Result(ImportStatus.Failed, ex.Message, fatalChinese: ex.Chinese), options);
        }
        catch (OperationCanceledException)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            sha256 = await HashOrEmptyAsync();
            return await FailedAsync(Result(ImportStatus.Cancelled, CancelledText, fatalChinese: CancelledChinese), options);
        }
        catch (Exception ex) when (ex is DbException or DbUpdateException or InvalidOperationException or IOException)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            sha256 = await HashOrEmptyAsync();
            var cause = ex.GetBaseException().Message;
            return await FailedAsync(Result(ImportStatus.Failed, $"{fileName}: the database refused the import, nothing was stored ({cause}).",
                fatalChinese: $"{fileName}：数据库拒绝了本次导入，未保存任何数据（{cause}）。"), options);
        }
    }

    private TableResult ImportTable(ServiceInsightsDbContext db, DbTransaction transaction, SqliteBulkLoad? tuning,
        IImportFile file, TableSource table, ImportOptions options, long batchId, List<RowRejection> rejections,
        IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        var schema = options.Kind is { } kind ? RecordSchemas.For(kind) : Detect(table);
        if (schema is null)
        {
            var reason = $"{table.Describe()}: cannot tell which kind of record this is (no key column such as 工单号/TicketNo, and the sheet name is not a kind); choose the kind explicitly.";
            var chineseReason = $"{table.Describe()}：无法判断记录类型（没有 工单号/TicketNo 等关键列，工作表名称也不是记录类型），请明确选择记录类型。";
            return table.SheetName is null
                ? throw new ImportFileException(reason, chineseReason)
                : new TableResult(table.Describe(), table.SheetName, null, 0, 0, 0, 0, [], reason, chineseReason);
        }

        var maxLengths = MaxLengths(db, schema);
        var mapper = new RecordMapper(schema, table.Headers, clock.TimeZone, maxLengths);
        if (mapper.MissingColumns.Count > 0)
        {
            var missing = string.Join(", ", mapper.MissingColumns.Select(f => $"{f.Chinese} ({f.English})"));
            throw new ImportFileException($"{table.Describe()}: the {schema.ChineseName} ({schema.EnglishName}) table has no column {missing}.",
                $"{table.Describe()}：{schema.ChineseName}表缺少列 {missing}。");
        }

        var chinese = table.Headers.Any(h => schema.Fields.Any(f => f.Chinese == h));
        using var writer = new RecordWriter(db, transaction, schema, mapper.MappedFields, batchId);
        using var indexes = file.Length >= SqliteBulkLoad.LargeFileBytes ? tuning?.DeferIndexes(db, schema) : null;
        // Reading, mapping and preparing the values to bind run on their own thread, writing on this one: the two halves
        // overlap on a multi-core machine.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var batches = new BlockingCollection<PreparedBatch>(boundedCapacity: 4);
        var rejected = 0;
        var unfilled = 0;
        long rows = 0;
        // Whichever thread would otherwise wait computes a batch's values: the reader when the writer has batches queued,
        // the writer when it has none (then it gets the batch as it is, and computes them before writing it). Which of the
        // two is the longer depends on the file's columns and the machine; this way neither sits idle for long.
        PreparedBatch Prepare(List<ServiceRecord> pending) => batches.Count == 0 ? writer.Defer(pending) : writer.Prepare(pending);
        var reader = Task.Factory.StartNew(() =>
        {
            try
            {
                var pending = new List<ServiceRecord>(BatchSize);
                var errors = new List<CellError>();
                foreach (var row in table.Rows(stop.Token))
                {
                    rows++;
                    if (mapper.IsUnfilled(row))
                    {
                        unfilled++;
                    }
                    else if (mapper.Map(row, errors, chinese) is { } record)
                    {
                        pending.Add(record);
                        if (pending.Count == BatchSize)
                        {
                            batches.Add(Prepare(pending), stop.Token);
                            pending = new List<ServiceRecord>(BatchSize);
                        }
                    }
                    else
                    {
                        rejected++;
                        if (rejections.Count < ImportResult.RejectionsKept)
                        {
                            rejections.Add(new RowRejection(table.FileName, table.SheetName, row.RowNumber, schema.Kind, [.. errors],
                                table.Headers, [.. row.Cells.Select(CellParser.Raw)]));
                        }
                    }

                    if (rows % ProgressEvery == 0)
                    {
                        stop.Token.ThrowIfCancellationRequested();
                        progress?.Report(new ImportProgress(rows, file.Position, file.Length, table.Describe()));
                    }
                }

                if (pending.Count > 0)
                {
                    batches.Add(Prepare(pending), stop.Token);
                }
            }
            finally
            {
                batches.CompleteAdding();
            }
        }, stop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        var counts = new WriteCounts();
        try
        {
            foreach (var batch in batches.GetConsumingEnumerable(stop.Token))
            {
                using (batch)
                {
                    counts += writer.Write(batch, stop.Token);
                }
            }
        }
        catch
        {
            stop.Cancel(); // a failed write stops the reader too
            throw;
        }
        finally
        {
            // The reader's own failure (a damaged file, cancellation) surfaces here with its original type.
            try
            {
                reader.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                // The writer failed and stopped the reader: the writer's exception is the one that propagates.
            }
        }

        progress?.Report(new ImportProgress(rows, file.Position, file.Length, table.Describe()));
        return new TableResult(table.Describe(), table.SheetName, schema.Kind, counts.New, counts.Updated, counts.Unchanged, rejected,
            mapper.UnknownColumns) { Unfilled = unfilled };
    }

    /// <summary>The kind of a table: its sheet name, else the kind whose key columns are all present and which matches the most headers.</summary>
    public static RecordSchema? Detect(TableSource table)
    {
        if (table.SheetName is { } sheet && RecordSchemas.All.FirstOrDefault(s => s.MatchesSheetName(sheet)) is { } named)
        {
            return named;
        }

        return RecordSchemas.All
            .Select(s => (Schema: s, Matched: table.Headers.Count(h => s.FindByHeader(h) is not null)))
            .Where(c => c.Schema.KeyFields.All(k => table.Headers.Any(h => c.Schema.FindByHeader(h) == k)))
            .OrderByDescending(c => c.Matched)
            .ThenBy(c => c.Schema.Fields.Count)
            .Select(c => c.Schema)
            .FirstOrDefault();
    }

    private async Task<ImportResult> FailedAsync(ImportResult result, ImportOptions options)
    {
        if (options.DryRun)
        {
            return result;
        }

        // The import's own transaction is gone; the history keeps the attempt in a transaction of its own.
        await using var db = await factory.CreateDbContextAsync(CancellationToken.None);
        var batch = new ImportBatch
        {
            FileName = result.FileName, Sha256 = result.Sha256, FileSize = result.FileSize, UserName = options.UserName,
            StartedAt = clock.UtcNow - result.Elapsed,
        };
        Record(batch, result with { Tables = [] }, clock.UtcNow);
        db.ImportBatches.Add(batch);
        await db.SaveChangesAsync(CancellationToken.None);
        return result with { BatchId = batch.Id };
    }

    private static void Record(ImportBatch batch, ImportResult result, DateTime finishedAt)
    {
        batch.Kinds = string.Join(",", result.Tables.Where(t => t.Kind is not null).Select(t => t.Kind!.Value).Distinct());
        batch.FinishedAt = finishedAt;
        batch.Status = result.Status;
        batch.NewRows = result.New;
        batch.UpdatedRows = result.Updated;
        batch.UnchangedRows = result.Unchanged;
        batch.RejectedRows = result.Rejected;
        batch.Message = result.FatalError?[..Math.Min(result.FatalError.Length, 2000)];
    }

    private static Dictionary<string, int?> MaxLengths(ServiceInsightsDbContext db, RecordSchema schema)
    {
        var entity = db.Model.FindEntityType(schema.EntityType)!;
        return schema.Fields.ToDictionary(f => f.Property, f => entity.FindProperty(f.Property)?.GetMaxLength());
    }

    public static async Task<string> HashAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
    }
}
