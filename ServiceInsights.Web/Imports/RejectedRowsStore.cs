using System.Security.Cryptography;
using Microsoft.Extensions.Caching.Memory;
using ServiceInsights.Data.Import;

namespace ServiceInsights.Web.Imports;

/// <summary>
/// Keeps the rejected rows of finished imports for a while, so the user who ran an import can download them as a
/// workbook (<see cref="ImportEndpoints"/>). The result is kept rather than the file: the workbook is written in the
/// language of the request that downloads it. Entries are found by an unguessable token and only for their owner.
/// </summary>
public sealed class RejectedRowsStore : IDisposable
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(2);

    /// <summary>
    /// The cache counts one unit per kept rejected row: at most a few imports' worth of rows
    /// (<see cref="ImportResult.RejectionsKept"/> each) stay in memory; the oldest go first.
    /// </summary>
    private const long RowBudget = 5L * ImportResult.RejectionsKept;

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = RowBudget, CompactionPercentage = 0.5 });

    private sealed record Entry(string OwnerId, ImportResult Result);

    /// <summary>Keeps the result for its owner (the user id) and returns the token of the download link.</summary>
    public string Keep(ImportResult result, string ownerId)
    {
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        _cache.Set(token, new Entry(ownerId, result), new MemoryCacheEntryOptions
        {
            AbsoluteExpirationRelativeToNow = Lifetime,
            Size = Math.Max(1, result.Rejections.Count),
        });
        return token;
    }

    /// <summary>The result kept under the token, or null when unknown, expired or kept for another user.</summary>
    public ImportResult? Find(string token, string ownerId) =>
        _cache.TryGetValue(token, out Entry? entry) && entry is not null && entry.OwnerId == ownerId ? entry.Result : null;

    public void Dispose() => _cache.Dispose();
}
