using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using ServiceInsights.Data.Entities;
using ServiceInsights.Data.Import;
using ServiceInsights.Data.Persistence;

namespace ServiceInsights.Web.Imports;

/// <summary>
/// Keeps the rejected rows of finished imports for a while, so the user who ran an import can download them as a
/// workbook (<see cref="ImportEndpoints"/>). They are kept in the database, written in both languages, so that whichever
/// app instance serves the link (and in whichever language the download asks for) finds them. Entries are found by an
/// unguessable token and only for their owner; expired ones are deleted when the next one is kept.
/// </summary>
public sealed class RejectedRowsStore(IDbContextFactory<ServiceInsightsDbContext> factory, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(2);

    /// <summary>Keeps the result for its owner (the user id) and returns the token of the download link.</summary>
    public async Task<string> KeepAsync(ImportResult result, string ownerId, CancellationToken cancellationToken = default)
    {
        // Two workbooks of at most ImportResult.RejectionsKept rows each: CPU work, kept off the caller's thread.
        var (chinese, english) = await Task.Run(() => (Workbook(result, chinese: true), Workbook(result, chinese: false)), cancellationToken);
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await db.RejectedRowsDownloads.Where(d => d.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
        db.RejectedRowsDownloads.Add(new RejectedRowsDownload
        {
            Token = token, OwnerId = ownerId, FileName = result.FileName, ChineseWorkbook = chinese, EnglishWorkbook = english,
            CreatedAt = now, ExpiresAt = now + Lifetime,
        });
        await db.SaveChangesAsync(cancellationToken);
        return token;
    }

    /// <summary>The download kept under the token, or null when unknown, expired or kept for another user.</summary>
    public async Task<RejectedRowsDownload?> FindAsync(string token, string ownerId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.RejectedRowsDownloads.AsNoTracking()
            .SingleOrDefaultAsync(d => d.Token == token && d.OwnerId == ownerId && d.ExpiresAt > now, cancellationToken);
    }

    private static byte[] Workbook(ImportResult result, bool chinese)
    {
        using var stream = new MemoryStream();
        RejectedRowsWorkbook.Write(result, stream, chinese);
        return stream.ToArray();
    }
}
