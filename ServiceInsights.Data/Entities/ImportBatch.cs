namespace ServiceInsights.Data.Entities;

/// <summary>What became of an import. <see cref="Running"/>: its slices are being committed (SQLite, decision 030).</summary>
public enum ImportStatus { Committed, PartlyRejected, Failed, Cancelled, Running }

/// <summary>One committed (or failed) import of one file: the import history.</summary>
public class ImportBatch
{
    public long Id { get; set; }
    public string FileName { get; set; } = "";

    /// <summary>SHA-256 of the file's bytes, lower-case hex.</summary>
    public string Sha256 { get; set; } = "";

    public long FileSize { get; set; }

    /// <summary>The record kinds the file held, comma-separated (e.g. "Tickets,Repairs").</summary>
    public string Kinds { get; set; } = "";

    public string UserName { get; set; } = "";
    public DateTime StartedAt { get; set; }
    public DateTime FinishedAt { get; set; }
    public ImportStatus Status { get; set; }
    public int NewRows { get; set; }
    public int UpdatedRows { get; set; }
    public int UnchangedRows { get; set; }
    public int RejectedRows { get; set; }

    /// <summary>Why a failed or cancelled import stored nothing.</summary>
    public string? Message { get; set; }
}
