using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Entities;

namespace ServiceInsights.Web.Hosting;

public sealed record UserSummary(string Id, string Email, string DisplayName, IReadOnlyList<string> Roles, DateTimeOffset? LockedOutUntil);

/// <summary>Creating and listing users: the one path used by the CLI, the demo seeding and the Users page.</summary>
public sealed class UserAccounts(UserManager<AppUser> users, RoleManager<IdentityRole> roles)
{
    /// <summary>Creates the four roles when missing.</summary>
    public async Task EnsureRolesAsync()
    {
        foreach (var role in AppRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)), $"create role {role}");
            }
        }
    }

    /// <summary>Creates a user with one role; throws <see cref="InvalidOperationException"/> with a readable reason.</summary>
    public async Task<AppUser> AddAsync(string email, string role, string password, string? displayName = null)
    {
        var canonicalRole = AppRoles.Normalize(role)
            ?? throw new InvalidOperationException($"Unknown role '{role}'; use one of {string.Join(", ", AppRoles.All)}.");
        if (string.IsNullOrWhiteSpace(email) || !email.Contains('@'))
        {
            throw new InvalidOperationException($"'{email}' is not an e-mail address.");
        }

        await EnsureRolesAsync();
        if (await users.FindByEmailAsync(email.Trim()) is not null)
        {
            throw new InvalidOperationException($"A user with e-mail {email.Trim()} already exists.");
        }

        var user = new AppUser
        {
            UserName = email.Trim(),
            Email = email.Trim(),
            EmailConfirmed = true,
            DisplayName = string.IsNullOrWhiteSpace(displayName) ? email.Trim().Split('@')[0] : displayName.Trim(),
            LockoutEnabled = true,
        };
        Check(await users.CreateAsync(user, password), $"create user {user.Email}");
        Check(await users.AddToRoleAsync(user, canonicalRole), $"add {user.Email} to role {canonicalRole}");
        return user;
    }

    /// <summary>Sets a user's phone (客服电话, which the SMS texts name); empty clears it.</summary>
    /// <exception cref="InvalidOperationException">No such user, or the phone is not digits, spaces, +, - and parentheses.</exception>
    public async Task SetPhoneAsync(string email, string? phone)
    {
        var user = await users.FindByEmailAsync(email.Trim()) ?? throw new InvalidOperationException($"No user with e-mail {email.Trim()}.");
        var value = string.IsNullOrWhiteSpace(phone) ? null : phone.Trim();
        if (value is not null && (value.Length > 30 || !value.All(c => char.IsAsciiDigit(c) || c is ' ' or '+' or '-' or '(' or ')')))
        {
            throw new InvalidOperationException($"'{value}' is not a phone number (digits, spaces, +, - and parentheses, at most 30).");
        }

        Check(await users.SetPhoneNumberAsync(user, value), $"set the phone of {user.Email}");
    }

    public async Task<IReadOnlyList<UserSummary>> ListAsync()
    {
        var all = await users.Users.AsNoTracking().OrderBy(u => u.Email).ToListAsync();
        var result = new List<UserSummary>(all.Count);
        foreach (var user in all)
        {
            var userRoles = await users.GetRolesAsync(user);
            result.Add(new UserSummary(user.Id, user.Email ?? "", user.DisplayName, [.. userRoles.Order()],
                user.LockoutEnd is { } end && end > DateTimeOffset.UtcNow ? end : null));
        }

        return result;
    }

    public Task<bool> AnyAsync() => users.Users.AnyAsync();

    /// <summary>The user with this e-mail address and their roles, or null.</summary>
    public async Task<UserSummary?> FindByEmailAsync(string email)
    {
        if (await users.FindByEmailAsync(email.Trim()) is not { } user)
        {
            return null;
        }

        return new UserSummary(user.Id, user.Email ?? "", user.DisplayName, [.. (await users.GetRolesAsync(user)).Order()],
            user.LockoutEnd is { } end && end > DateTimeOffset.UtcNow ? end : null);
    }

    /// <summary>Lifts a lockout after repeated failed sign-ins.</summary>
    public async Task UnlockAsync(string userId)
    {
        var user = await users.FindByIdAsync(userId) ?? throw new InvalidOperationException("The user no longer exists.");
        Check(await users.SetLockoutEndDateAsync(user, null), "unlock");
        Check(await users.ResetAccessFailedCountAsync(user), "reset failed count");
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not {what}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }
}
