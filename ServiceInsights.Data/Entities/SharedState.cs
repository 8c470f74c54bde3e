namespace ServiceInsights.Data.Entities;

/// <summary>
/// The one row counting changes to what the reports are computed from (a committed import, a changed setting). Every app
/// instance on the database reads it, so a cache in one instance notices a change made by another
/// (<see cref="Persistence.DataVersion"/>).
/// </summary>
public class StoredDataVersion
{
    public const int SingleId = 1;

    public int Id { get; set; }
    public long Value { get; set; }
}

/// <summary>
/// A named lease one app instance holds until it lets go or <see cref="ExpiresAt"/> passes: one import at a time across
/// every instance on the database (<see cref="Import.ImportLease"/>).
/// </summary>
public class Lease
{
    public string Name { get; set; } = "";

    /// <summary>Who holds it, as the message to the others names it (host, process, user); empty when free.</summary>
    public string Holder { get; set; } = "";

    public DateTime AcquiredAt { get; set; }
    public DateTime ExpiresAt { get; set; }
}

/// <summary>
/// The rejected rows of one finished import, for the user who ran it to download as a workbook; kept in the database so
/// that any app instance can serve the link, and deleted after <see cref="ExpiresAt"/>.
/// </summary>
public class RejectedRowsDownload
{
    /// <summary>32 lower-case hex digits, unguessable: the download link.</summary>
    public string Token { get; set; } = "";

    /// <summary>The user id of whoever ran the import; nobody else may download it.</summary>
    public string OwnerId { get; set; } = "";

    /// <summary>The imported file's name, for the download's file name.</summary>
    public string FileName { get; set; } = "";

    /// <summary>The import's result (its rejected rows, at most <see cref="Import.ImportResult.RejectionsKept"/>) as JSON: the
    /// workbook is written when downloaded, in the language of that request.</summary>
    public string ResultJson { get; set; } = "";

    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
}
