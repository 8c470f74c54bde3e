using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using ServiceInsights.Data.Entities;
using ServiceInsights.Data.Import;
using ServiceInsights.Data.Persistence;

namespace ServiceInsights.Web.Import;

/// <summary>
/// Keeps the rejected rows of finished imports for a while, so the user who ran an import can download them as a
/// workbook (<see cref="ImportEndpoints"/>). The result is kept rather than the file, in the database: whichever app
/// instance serves the link finds it, and writes the workbook in the language of the request that downloads it (and
/// the import ends without waiting for a workbook). Entries are found by an unguessable token and only for their owner;
/// expired ones are deleted when the next one is kept.
/// </summary>
public sealed class RejectedRowsStore(IDbContextFactory<ServiceInsightsDbContext> factory, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(2);

    /// <summary>Enums by name: a kept result still reads after an update that adds a rejection reason.</summary>
    private static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };

    /// <summary>Keeps the result for its owner (the user id) and returns the token of the download link.</summary>
    public async Task<string> KeepAsync(ImportResult result, string ownerId, CancellationToken cancellationToken = default)
    {
        var json = JsonSerializer.Serialize(result, Json);
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await db.RejectedRowsDownloads.Where(d => d.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
        db.RejectedRowsDownloads.Add(new RejectedRowsDownload
        {
            Token = token, OwnerId = ownerId, FileName = result.FileName, ResultJson = json, CreatedAt = now, ExpiresAt = now + Lifetime,
        });
        await db.SaveChangesAsync(cancellationToken);
        return token;
    }

    /// <summary>The result kept under the token, or null when unknown, expired or kept for another user.</summary>
    public async Task<ImportResult?> FindAsync(string token, string ownerId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var json = await db.RejectedRowsDownloads.AsNoTracking()
            .Where(d => d.Token == token && d.OwnerId == ownerId && d.ExpiresAt > now)
            .Select(d => d.ResultJson)
            .SingleOrDefaultAsync(cancellationToken);
        return json is null ? null : JsonSerializer.Deserialize<ImportResult>(json, Json);
    }
}
