using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Options;
using ServiceInsights.Data.Entities;
using ServiceInsights.Data.Import;

namespace ServiceInsights.Web.Import;

/// <summary>Who imports: the user id owns the rejected-rows download, the name goes into the import history.</summary>
public sealed record ImportUser(string Id, string Name);

/// <summary>
/// The files of the Import page and their flow, for one circuit (a scoped service): each file is streamed to a temp
/// file, previewed with a dry run, imported on confirmation with progress and cancellation, and its rejected rows kept
/// for download. It outlives the page component, so an import keeps running while the user looks at another page.
/// The import itself runs on the thread pool: it is CPU-bound, and on the circuit's thread it would hold back every
/// click of the page, the Cancel button included.
/// </summary>
public sealed class ImportSession(ImportService import, ImportGate gate, ImportLease lease, RejectedRowsStore rejectedRows,
    IOptions<ImportSettings> settings, ILogger<ImportSession> log) : IDisposable
{
    private const int CopyBufferSize = 81_920;
    private static readonly TimeSpan RedrawEvery = TimeSpan.FromMilliseconds(200);

    private readonly List<ImportFile> _files = [];
    private readonly CancellationTokenSource _disposed = new();
    private long _lastRedraw;

    public static string TempFolder { get; } = Path.Combine(Path.GetTempPath(), "serviceinsights-import");

    /// <summary>A copy this old belongs to no running session: the app was stopped before its session could delete it.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromDays(1);

    /// <summary>Deletes the temp copies a stopped app left behind (called at start-up); returns how many.</summary>
    public static int DeleteStaleCopies(DateTime utcNow)
    {
        if (!Directory.Exists(TempFolder))
        {
            return 0;
        }

        var deleted = 0;
        foreach (var path in Directory.EnumerateFiles(TempFolder))
        {
            try
            {
                if (utcNow - File.GetLastWriteTimeUtc(path) > StaleAfter)
                {
                    File.Delete(path);
                    deleted++;
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // In use or not ours: leave it.
            }
        }

        return deleted;
    }

    /// <summary>Raised (on any thread) whenever a file changed; subscribers redraw through InvokeAsync.</summary>
    public event Action? Changed;

    /// <summary>Raised when an import (not a preview) has ended: the history has a new row.</summary>
    public event Action? ImportFinished;

    public IReadOnlyList<ImportFile> Files => _files;

    public long MaxFileSize => settings.Value.MaxFileSizeBytes;

    public bool Uploading => _files.Any(f => f.Stage == ImportStage.Uploading);

    /// <summary>
    /// Takes the picked files in order: refuses a wrong type or a too-large file with its name, streams the others to
    /// temp files one after the other and starts their previews. Returns when the uploads are done (the picker can
    /// then be reset); the previews go on.
    /// </summary>
    public async Task AddAsync(IReadOnlyList<IBrowserFile> picked, ImportUser user)
    {
        var uploads = new List<(ImportFile File, IBrowserFile Source)>();
        foreach (var source in picked)
        {
            var file = new ImportFile(source.Name, source.Size);
            file.Problem = !ImportFiles.Extensions.Contains(Path.GetExtension(source.Name).ToLowerInvariant()) ? FileProblem.WrongType
                : source.Size > MaxFileSize ? FileProblem.TooLarge
                : FileProblem.None;
            file.Stage = file.Problem == FileProblem.None ? ImportStage.Uploading : ImportStage.Refused;
            _files.Add(file);
            if (file.Problem == FileProblem.None)
            {
                uploads.Add((file, source));
            }
        }

        Redraw();
        foreach (var (file, source) in uploads)
        {
            if (await UploadAsync(file, source))
            {
                _ = PreviewAsync(file, user);
            }
        }
    }

    /// <summary>Previews again with the kind the user chose (null: detect).</summary>
    public Task ChangeKindAsync(ImportFile file, RecordKind? kind, ImportUser user)
    {
        if (file.Stage != ImportStage.Ready || file.Kind == kind)
        {
            return Task.CompletedTask;
        }

        file.Kind = kind;
        return PreviewAsync(file, user);
    }

    /// <summary>Imports the previewed file for real; the result says what was stored.</summary>
    public async Task CommitAsync(ImportFile file, ImportUser user)
    {
        if (!file.CanCommit)
        {
            return;
        }

        file.Result = null;
        file.RejectedRowsToken = null;
        file.Busy = null;
        var result = await RunAsync(file, ImportStage.Importing, new ImportOptions(file.Kind, DryRun: false, user.Name));
        if (result is null || file.Removed)
        {
            return;
        }

        file.Result = result;
        file.RejectedRowsToken = result.Rejections.Count > 0 ? await rejectedRows.KeepAsync(result, user.Id) : null;
        file.Stage = ImportStage.Done;
        if (result.Status != ImportStatus.Cancelled)
        {
            // Stored (or refused for good): the copy is no longer needed. A cancelled import may be confirmed again.
            DeleteTempFile(file);
        }

        Redraw(force: true);
        ImportFinished?.Invoke();
    }

    /// <summary>Cancels the running import: its transaction rolls back and nothing is stored.</summary>
    public void Cancel(ImportFile file) => file.Running?.Cancel();

    /// <summary>Takes the file off the page; a running preview or import of it is cancelled.</summary>
    public void Remove(ImportFile file)
    {
        file.Removed = true;
        _files.Remove(file);
        if (file.Running is { } running)
        {
            running.Cancel(); // the run deletes the temp file when it has let go of it
        }
        else
        {
            DeleteTempFile(file);
        }

        Redraw(force: true);
    }

    private async Task<bool> UploadAsync(ImportFile file, IBrowserFile source)
    {
        // Removing the file (or the circuit ending) stops its upload.
        using var running = CancellationTokenSource.CreateLinkedTokenSource(_disposed.Token);
        file.Running = running;
        try
        {
            Directory.CreateDirectory(TempFolder);
            file.TempPath = Path.Combine(TempFolder, $"{Guid.NewGuid():N}{Path.GetExtension(source.Name).ToLowerInvariant()}");
            // Streamed in chunks over the circuit straight to disk: a 200 MB file never sits in memory.
            await using var input = source.OpenReadStream(MaxFileSize, running.Token);
            await using var output = new FileStream(file.TempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, CopyBufferSize,
                FileOptions.Asynchronous);
            var buffer = new byte[CopyBufferSize];
            int read;
            while ((read = await input.ReadAsync(buffer, running.Token)) > 0)
            {
                await output.WriteAsync(buffer.AsMemory(0, read), running.Token);
                file.UploadedBytes += read;
                Redraw();
            }

            return !file.Removed;
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or TimeoutException or OperationCanceledException
                                       or UnauthorizedAccessException or Microsoft.JSInterop.JSException)
        {
            if (!file.Removed)
            {
                log.LogWarning(ex, "Upload of {File} failed", file.Name);
                file.Stage = ImportStage.Refused;
                file.Problem = FileProblem.UploadFailed;
                file.ProblemDetail = ex.Message;
            }

            return false;
        }
        finally
        {
            file.Running = null;
            if (file.Removed || file.Problem != FileProblem.None)
            {
                DeleteTempFile(file);
            }

            Redraw(force: true);
        }
    }

    private async Task PreviewAsync(ImportFile file, ImportUser user)
    {
        file.Preview = null;
        var result = await RunAsync(file, ImportStage.Previewing, new ImportOptions(file.Kind, DryRun: true, user.Name));
        if (result is not null && !file.Removed)
        {
            file.Preview = result;
            file.Stage = ImportStage.Ready;
            Redraw(force: true);
        }
    }

    /// <summary>Runs the import (or dry run) of the file off the circuit's thread, one at a time app-wide.</summary>
    private async Task<ImportResult?> RunAsync(ImportFile file, ImportStage stage, ImportOptions options)
    {
        using var running = CancellationTokenSource.CreateLinkedTokenSource(_disposed.Token);
        file.Running = running;
        file.Stage = stage;
        file.Progress = null;
        file.Queued = !gate.IsFree;
        Redraw(force: true);
        try
        {
            using var turn = await gate.EnterAsync(running.Token);
            file.Queued = false;
            Redraw(force: true);
            // The gate queues this instance's runs; the lease keeps out the imports of other instances and of the CLI.
            await using var held = options.DryRun ? null : await lease.AcquireAsync(ImportLease.Holder(options.UserName), running.Token);
            var progress = new FileProgress(this, file);
            var path = file.TempPath!;
            return await Task.Run(() => import.ImportAsync(path, file.Name, options, progress, running.Token), CancellationToken.None);
        }
        catch (ImportBusyException ex)
        {
            // Nothing ran: the preview stands and the user may confirm again once the other import has finished.
            file.Busy = ex;
            file.Stage = ImportStage.Ready;
            Redraw(force: true);
            return null;
        }
        catch (OperationCanceledException) when (running.IsCancellationRequested)
        {
            // Cancelled while queued or before the import's transaction began: nothing ran, nothing was stored.
            return options.DryRun ? null : NothingStored(file);
        }
        catch (Exception ex)
        {
            // The run was started without anyone awaiting it: whatever went wrong must become the file's state.
            if (!file.Removed && !_disposed.IsCancellationRequested)
            {
                log.LogError(ex, "Import of {File} (dry run: {DryRun}) failed", file.Name, options.DryRun);
                file.Stage = ImportStage.Refused;
                file.Problem = FileProblem.ImportFailed;
                file.ProblemDetail = ImportLimits.Echo(ex.GetBaseException().Message);
                Redraw(force: true); // else the card keeps showing 预览中 until something else redraws it (issue 20, D3)
            }

            return null;
        }
        finally
        {
            file.Running = null;
            file.Queued = false;
            if (file.Removed)
            {
                DeleteTempFile(file);
            }
        }
    }

    private static ImportResult NothingStored(ImportFile file) =>
        new(file.Name, "", file.Size, DryRun: false, [], [], "Cancelled: nothing was stored.", ImportStatus.Cancelled, TimeSpan.Zero,
            FatalErrorChinese: "已取消：未保存任何数据。");

    private void Redraw(bool force = false)
    {
        var now = Environment.TickCount64;
        if (force || now - Interlocked.Read(ref _lastRedraw) >= RedrawEvery.TotalMilliseconds)
        {
            Interlocked.Exchange(ref _lastRedraw, now);
            Changed?.Invoke();
        }
    }

    private void DeleteTempFile(ImportFile file)
    {
        if (file.TempPath is not { } path)
        {
            return;
        }

        try
        {
            File.Delete(path);
            file.TempPath = null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            log.LogWarning(ex, "Could not delete the temp copy {Path} of {File}", path, file.Name);
        }
    }

    /// <summary>The circuit ended: running imports are cancelled (and roll back), the temp copies go.</summary>
    public void Dispose()
    {
        _disposed.Cancel();
        foreach (var file in _files.Where(f => f.Running is null))
        {
            DeleteTempFile(file);
        }

        foreach (var file in _files)
        {
            file.Removed = true; // a run still going deletes its copy when it ends
        }
    }

    /// <summary>Keeps the latest report on the file; reported from the import's thread.</summary>
    private sealed class FileProgress(ImportSession session, ImportFile file) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value)
        {
            file.Progress = value;
            session.Redraw();
        }
    }
}
