using Microsoft.EntityFrameworkCore;
using ServiceInsights.Data.Persistence;

namespace ServiceInsights.Data.Users;

/// <summary>
/// A user of the app as the follow-ups (owners, verifiers) and the delivery (recipients, the subscription editor) read it:
/// the Identity id, the name shown (<see cref="AppUserQuery.NameOf"/>), the roles (ordinal order) and the e-mail address
/// (null when the account has none: such a user owns items but receives no mail).
/// </summary>
public sealed record AppUserRow(string Id, string Name, IReadOnlyList<string> Roles, string? Email);

/// <summary>Every user of the app with their roles, read from Identity's tables in two queries, by name.</summary>
public sealed class AppUserQuery(IDbContextFactory<ServiceInsightsDbContext> factory)
{
    public async Task<IReadOnlyList<AppUserRow>> AllAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await ReadAsync(db, cancellationToken);
    }

    /// <summary>The same list through a context the caller holds (a follow-up change checks its owner in its own transaction).</summary>
    public static Task<IReadOnlyList<AppUserRow>> ReadAsync(ServiceInsightsDbContext db, CancellationToken cancellationToken = default) =>
        ReadAsync(db, null, cancellationToken);

    /// <summary>One user, read as the list reads them, or null when no user has that id.</summary>
    public static async Task<AppUserRow?> FindAsync(ServiceInsightsDbContext db, string id, CancellationToken cancellationToken = default) =>
        (await ReadAsync(db, id, cancellationToken)).SingleOrDefault();

    private static async Task<IReadOnlyList<AppUserRow>> ReadAsync(ServiceInsightsDbContext db, string? id, CancellationToken cancellationToken)
    {
        var users = db.Users.AsNoTracking().Where(u => id == null || u.Id == id);
        var userRoles = db.UserRoles.Where(ur => id == null || ur.UserId == id);
        var found = await users.Select(u => new { u.Id, u.DisplayName, u.Email }).ToListAsync(cancellationToken);
        var roles = (await (from ur in userRoles join r in db.Roles on ur.RoleId equals r.Id select new { ur.UserId, r.Name })
                .AsNoTracking().ToListAsync(cancellationToken))
            .ToLookup(r => r.UserId, r => r.Name!);
        return
        [
            .. found.Select(u => new AppUserRow(u.Id, NameOf(u.DisplayName, u.Email, u.Id), [.. roles[u.Id].Order(StringComparer.Ordinal)], u.Email))
                .OrderBy(u => u.Name, StringComparer.Ordinal).ThenBy(u => u.Id, StringComparer.Ordinal),
        ];
    }

    /// <summary>The name a user is shown by: the display name (trimmed) unless it is blank, else the e-mail address, else the id.</summary>
    public static string NameOf(string? displayName, string? email, string id) =>
        !string.IsNullOrWhiteSpace(displayName) ? displayName.Trim()
        : !string.IsNullOrWhiteSpace(email) ? email.Trim()
        : id;
}
