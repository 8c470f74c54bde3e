using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.IO.Hashing;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Entities;
using ServiceInsights.Data.Persistence;
using ServiceInsights.Data.Persistence.Sqlite;

namespace ServiceInsights.Data.Import;

/// <summary>
/// Takes in one file of the department's exports: reads every table, rejects the rows that cannot be read (with file,
/// sheet, row, column, value and reason) and upserts the rest by key — all valid rows of the file as one unit, so a
/// failure midway (database error, cancellation, a killed process) leaves the stored records as they were. A dry run (the
/// preview) reads the same way but writes nothing and takes no write lock: it counts new, updated and unchanged rows from
/// the stored content hashes. Committed and failed imports are recorded in the import history. Limits, refusals and
/// rejections: decision 020. On a SQLite file the import commits in short slices, undone on failure, so that other writes
/// never wait for long (<see cref="ImportTransaction"/>, decision 030).
/// </summary>
public sealed class ImportService(IDbContextFactory<ServiceInsightsDbContext> factory, DepartmentClock clock, DataVersion? dataVersion = null,
    ImportLimits? limits = null)
{
    private readonly ImportLimits _limits = limits ?? ImportLimits.Default;

    /// <summary>
    /// Rows handed from the reading thread to the writing one at a time. Few rows are in flight (this batch, one queued, the
    /// one being read: <see cref="QueuedBatches"/>), so a gen-0 collection finds little alive and the collector seldom
    /// needs a gen-1 one: at 1,000 rows and 4 queued, nearly every collection of a 1M-row import was a gen-1 one, and the
    /// collector paused the import for 1.2–1.6 s; at 250 and 1, for 0.15–0.26 s (decision 039).
    /// </summary>
    public const int BatchSize = 250;

    /// <summary>Batches the reading thread may have ready before it waits for the writing one.</summary>
    private const int QueuedBatches = 1;
    private const string CancelledText = "Cancelled: nothing was stored.";
    private const string CancelledChinese = "已取消：未保存任何数据。";
    private const int ProgressEvery = 2000;

    /// <summary>
    /// How long one slice of an import into a SQLite file holds the write lock (<see cref="SqliteImportSlices"/>); null:
    /// the default. Tests make it zero to commit every batch on its own.
    /// </summary>
    internal TimeSpan? SliceLength { get; init; }

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

        // The file is opened (the encoding checked, an XLSX package's parts counted) before the transaction begins: a
        // file refused there never takes the database's write lock.
        IImportFile file;
        try
        {
            file = ImportFiles.Open(path, fileName, _limits);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            sha256 = await HashOrEmptyAsync();
            var (english, chinese) = Explain(ex, fileName);
            return await FailedAsync(Result(ImportStatus.Failed, english, fatalChinese: chinese), options);
        }

        using var opened = file;
        // Opening the transaction is quick; cancellation is honoured from here on inside the try below. A preview reads
        // in a deferred transaction (one snapshot, no write lock); an import writes in one transaction, or on SQLite in
        // short slices that let other writers in (ImportTransaction).
        await using var db = await factory.CreateDbContextAsync(CancellationToken.None);
        await using var transaction = await ImportTransaction.BeginAsync(db, options.DryRun, SliceLength);
        var batch = new ImportBatch
        {
            FileName = fileName, Sha256 = "", FileSize = size, UserName = options.UserName, StartedAt = startedAt,
            FinishedAt = startedAt, Status = ImportStatus.Committed,
        };
        var seenKeys = new Dictionary<RecordKind, Dictionary<ulong, int>>();
        // A preview stores no ticket, so a workbook's callbacks are checked against its tickets sheet from memory.
        var fileTickets = options.DryRun && file is ExcelImportFile ? new Dictionary<string, DateTime>(StringComparer.Ordinal) : null;
        var kept = new StrongBox<long>();
        try
        {
            if (!options.DryRun)
            {
                await transaction.StartAsync(batch, cancellationToken);
            }

            foreach (var table in file.Tables())
            {
                tables.Add(ImportTable(db, transaction, file, table, options, batch.Id,
                    rejections, seenKeys, kept, fileTickets, progress, cancellationToken));
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
                await transaction.RollbackAsync(batch);
                return result with { BatchId = null };
            }

            Record(batch, result, clock.UtcNow);
            await transaction.CommitAsync(cancellationToken);
            dataVersion?.Bump();
            return result;
        }
        catch (OperationCanceledException)
        {
            await transaction.RollbackAsync(batch);
            sha256 = await HashOrEmptyAsync();
            return await FailedAsync(Result(ImportStatus.Cancelled, CancelledText, fatalChinese: CancelledChinese), options);
        }
        catch (Exception ex)
        {
            // Whatever went wrong, the transaction is rolled back (and committed slices undone) before anything else is
            // disposed (the connection's settings are reset after it), and the real cause is what the user and the history read.
            await transaction.RollbackAsync(batch);
            tables.Clear();
            sha256 = await HashOrEmptyAsync();
            var (english, chinese) = Explain(ex, fileName);
            return await FailedAsync(Result(ImportStatus.Failed, english, fatalChinese: chinese), options);
        }
    }

    /// <summary>Why a file was not imported, in English and Chinese: the refusal's own text, or the real cause of a failure.</summary>
    private static (string English, string Chinese) Explain(Exception ex, string fileName)
    {
        if (ex is ImportFileException refused)
        {
            return (refused.Message, refused.Chinese);
        }

        var cause = ImportLimits.Echo(ex.GetBaseException().Message);
        return ex is DbException or DbUpdateException
            ? ($"{fileName}: the database refused the import, nothing was stored ({cause}).", $"{fileName}：数据库拒绝了本次导入，未保存任何数据（{cause}）。")
            : ($"{fileName}: the import failed, nothing was stored ({ex.GetBaseException().GetType().Name}: {cause}).",
                $"{fileName}：导入失败，未保存任何数据（{ex.GetBaseException().GetType().Name}：{cause}）。");
    }

    private TableResult ImportTable(ServiceInsightsDbContext db, ImportTransaction transaction, IImportFile file, TableSource table, ImportOptions options, long batchId, List<RowRejection> rejections,
        Dictionary<RecordKind, Dictionary<ulong, int>> seenKeys, StrongBox<long> kept, Dictionary<string, DateTime>? fileTickets,
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
        var mapper = new RecordMapper(schema, table.Headers, clock.TimeZone, maxLengths, _limits);
        if (mapper.MissingColumns.Count > 0)
        {
            var missing = string.Join(", ", mapper.MissingColumns.Select(f => $"{f.Chinese} ({f.English})"));
            throw new ImportFileException($"{table.Describe()}: the {schema.ChineseName} ({schema.EnglishName}) table has no column {missing}.",
                $"{table.Describe()}：{schema.ChineseName}表缺少列 {missing}。");
        }

        var chinese = table.Headers.Any(h => schema.Fields.Any(f => f.Chinese == h));
        transaction.Enter();
        using var writer = new RecordWriter(db, transaction.Current, schema, mapper.MappedFields, batchId, options.DryRun, fileTickets,
            transaction.JournalOf);
        // A key seen earlier in the file (any table of the kind) rejects the later row, so the first one wins on every
        // import of the file and a re-import changes nothing (issue 20, D8). Keys are kept as 64-bit hashes: 1M rows
        // hold about 30 MB, and two different keys of one file sharing a hash is a one-in-10^7 event at that size.
        if (!seenKeys.TryGetValue(schema.Kind, out var seen))
        {
            seenKeys[schema.Kind] = seen = [];
        }

        // Reading, mapping and preparing the values to bind run on their own thread, writing on this one: the two halves
        // overlap on a multi-core machine.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var batches = new BlockingCollection<PreparedBatch>(boundedCapacity: QueuedBatches);
        var rejected = 0;
        var unfilled = 0;
        long rows = 0;
        // Whichever thread would otherwise wait computes a batch's values: the reader when the writer has batches queued,
        // the writer when it has none (then it gets the batch as it is, and computes them before writing it). Which of the
        // two is the longer depends on the file's columns and the machine; this way neither sits idle for long.
        // Callbacks keep their source rows with the batch: the writer may refuse one that comes before its ticket.
        var keepSources = schema.Kind == RecordKind.Callbacks;
        var sources = keepSources ? new List<SourceRow>(BatchSize) : null;
        PreparedBatch Prepare(List<ServiceRecord> pending)
        {
            var prepared = batches.Count == 0 ? writer.Defer(pending) : writer.Prepare(pending);
            prepared.Sources = sources;
            sources = keepSources ? new List<SourceRow>(BatchSize) : null;
            return prepared;
        }

        void Reject(SourceRow row, List<CellError> errors)
        {
            lock (rejections)
            {
                if (rejections.Count < ImportResult.RejectionsKept)
                {
                    // The cells are kept to fix and re-import, up to a budget of characters; past it, their first characters.
                    var cells = row.Cells.Select(CellParser.Raw).ToList();
                    kept.Value += cells.Sum(c => (long)c.Length);
                    rejections.Add(new RowRejection(table.FileName, table.SheetName, row.RowNumber, schema.Kind, [.. errors],
                        table.Headers, kept.Value <= ImportResult.RejectedCharsKept ? cells : [.. cells.Select(ImportLimits.Echo)]));
                }
            }
        }

        var reader = Task.Factory.StartNew(() =>
        {
            try
            {
                var pending = new List<ServiceRecord>(BatchSize);
                var errors = new List<CellError>();
                foreach (var row in table.Rows(stop.Token))
                {
                    rows++;
                    if (rows % ProgressEvery == 0)
                    {
                        stop.Token.ThrowIfCancellationRequested();
                        progress?.Report(new ImportProgress(rows, file.Position, file.Length, table.Describe()));
                    }

                    if (mapper.IsUnfilled(row))
                    {
                        unfilled++;
                        continue;
                    }

                    var record = mapper.Map(row, errors, chinese);
                    if (record is not null && !seen.TryAdd(XxHash3.HashToUInt64(MemoryMarshal.AsBytes(mapper.LastKey.AsSpan())), row.RowNumber))
                    {
                        var first = seen[XxHash3.HashToUInt64(MemoryMarshal.AsBytes(mapper.LastKey.AsSpan()))]; // only for a repeat
                        errors.Add(CellError.Of(string.Join(" / ", schema.KeyFields.Select(k => k.Header(chinese))), mapper.LastKey,
                            RejectionReason.DuplicateInFile, first.ToString(CultureInfo.InvariantCulture)));
                        record = null;
                    }

                    if (record is not null)
                    {
                        pending.Add(record);
                        sources?.Add(row);
                        if (pending.Count == BatchSize)
                        {
                            batches.Add(Prepare(pending), stop.Token);
                            pending = new List<ServiceRecord>(BatchSize);
                        }
                    }
                    else
                    {
                        rejected++;
                        Reject(row, errors);
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
        var refusedByWriter = 0;
        try
        {
            while (NextBatch(batches, transaction, stop.Token) is { } batch)
            {
                using (batch)
                {
                    if (transaction.Enter())
                    {
                        writer.Use(transaction.Current);
                    }

                    counts += writer.Write(batch, stop.Token);
                    foreach (var (index, ticketNo) in writer.Refused)
                    {
                        var row = batch.Sources![index];
                        var at = mapper.MappedFields.First(f => f.Property == nameof(Callback.At));
                        var column = Array.FindIndex([.. table.Headers], h => schema.FindByHeader(h) == at);
                        Interlocked.Increment(ref refusedByWriter);
                        Reject(row, [CellError.Of(at.Header(chinese), CellParser.Raw(row.Cells[column]), RejectionReason.TimeOrder,
                            chinese ? $"工单 {ticketNo} 的来电时间" : $"the ReceivedAt of ticket {ticketNo}")]);
                    }
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
        return new TableResult(table.Describe(), table.SheetName, schema.Kind, counts.New, counts.Updated, counts.Unchanged,
            rejected + refusedByWriter, mapper.UnknownColumns) { Unfilled = unfilled };
    }

    /// <summary>
    /// The next batch to write, or null when the reader has finished. When none is ready within a moment, the writer would
    /// hold the write lock while it waits for the reader: an import committed in slices lets it go first.
    /// </summary>
    private static PreparedBatch? NextBatch(BlockingCollection<PreparedBatch> batches, ImportTransaction transaction, CancellationToken cancellationToken)
    {
        if (batches.TryTake(out var batch, 50, cancellationToken))
        {
            return batch;
        }

        transaction.Idle();
        return batches.TryTake(out batch, Timeout.Infinite, cancellationToken) ? batch : null;
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
