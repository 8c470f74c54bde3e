using ServiceInsights.Data.Import;

namespace ServiceInsights.Web.Import;

/// <summary>Where a file of the Import page is in its flow: upload → preview → confirm → import → result.</summary>
public enum ImportStage
{
    /// <summary>Refused before upload (type, size) or the upload broke: <see cref="ImportFile.Problem"/> says why.</summary>
    Refused,
    Uploading,

    /// <summary>A dry run through the import: exact counts, nothing stored.</summary>
    Previewing,

    /// <summary>Previewed; waiting for the user to confirm.</summary>
    Ready,
    Importing,

    /// <summary>Imported, failed or cancelled: <see cref="ImportFile.Result"/> says which.</summary>
    Done,
}

/// <summary>Why a file never reached the preview.</summary>
public enum FileProblem { None, WrongType, TooLarge, UploadFailed, ImportFailed }

/// <summary>One file the user dropped or picked, and what has happened to it. Changed only by <see cref="ImportSession"/>.</summary>
public sealed class ImportFile
{
    internal ImportFile(string name, long size)
    {
        Name = name;
        Size = size;
    }

    public Guid Id { get; } = Guid.NewGuid();

    /// <summary>The name the user's file has (also what the import history records).</summary>
    public string Name { get; }

    public long Size { get; }

    public ImportStage Stage { get; internal set; }

    public FileProblem Problem { get; internal set; }

    /// <summary>A technical detail for <see cref="FileProblem.UploadFailed"/> and <see cref="FileProblem.ImportFailed"/>.</summary>
    public string? ProblemDetail { get; internal set; }

    public long UploadedBytes { get; internal set; }

    /// <summary>The kind the user chose for every table of the file; null to detect it.</summary>
    public RecordKind? Kind { get; internal set; }

    /// <summary>True while the preview or import waits for another one to finish (<see cref="ImportGate"/>).</summary>
    public bool Queued { get; internal set; }

    /// <summary>The last confirmation found another import running (in this or another app instance): nothing was stored,
    /// and the file can be confirmed again.</summary>
    public ImportBusyException? Busy { get; internal set; }

    /// <summary>The dry run's result.</summary>
    public ImportResult? Preview { get; internal set; }

    /// <summary>The latest progress of the running preview or import.</summary>
    public ImportProgress? Progress { get; internal set; }

    /// <summary>The import's result (committed, partly rejected, failed or cancelled).</summary>
    public ImportResult? Result { get; internal set; }

    /// <summary>The token of the rejected-rows download, when the import rejected rows.</summary>
    public string? RejectedRowsToken { get; internal set; }

    /// <summary>The preview read the file and found something to import.</summary>
    public bool CanCommit =>
        (Stage == ImportStage.Ready || (Stage == ImportStage.Done && Result?.Status == Data.Entities.ImportStatus.Cancelled))
        && Preview is { FatalError: null, Rows: > 0 };

    internal string? TempPath { get; set; }

    internal CancellationTokenSource? Running { get; set; }

    internal bool Removed { get; set; }
}
