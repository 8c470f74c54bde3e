using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Entities;
using ServiceInsights.Data.Persistence;

namespace ServiceInsights.Web.Hosting;

public sealed record UserSummary(string Id, string Email, string DisplayName, IReadOnlyList<string> Roles, DateTimeOffset? LockedOutUntil)
{
    /// <summary>客服电话, which the SMS texts name.</summary>
    public string? Phone { get; init; }
}

/// <summary>
/// A user not created or changed for a reason the Admin must read; the message is English (the CLI, the log), the reason and
/// its arguments say the same for the Users page (<c>Users.Refused.{Reason}</c>).
/// </summary>
public sealed class UserAccountException(string message, UserAccountRefusal reason, params object[] args)
    : RefusalException<UserAccountRefusal>(message, reason, args);

/// <summary>Why a user was not created or changed; each has its sentence in the UI's resources.</summary>
public enum UserAccountRefusal
{
    /// <summary>Not one of the four roles. Args: the role, the roles.</summary>
    UnknownRole,

    /// <summary>Not an e-mail address. Args: the value.</summary>
    NotAnEmail,

    /// <summary>A user has the address already. Args: the address.</summary>
    Exists,

    /// <summary>No user has the address. Args: the address.</summary>
    NoSuchUser,

    /// <summary>Not a phone number. Args: the value, the longest length.</summary>
    NotAPhone,

    /// <summary>The password breaks Identity's rules. Args: the shortest length.</summary>
    PasswordRejected,

    /// <summary>Identity refused the change for another reason (its codes are in the message). Args: the address.</summary>
    NotSaved,
}

/// <summary>Creating and listing users: the one path used by the CLI, the demo seeding and the Users page.</summary>
public sealed class UserAccounts(UserManager<AppUser> users, RoleManager<IdentityRole> roles, ServiceInsightsDbContext db, TimeProvider time)
{
    /// <summary>The shortest password Identity accepts (its options): what the add form's help and the refusal say.</summary>
    public int PasswordLength => users.Options.Password.RequiredLength;

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

    /// <summary>Creates a user with one role; throws <see cref="UserAccountException"/> with a readable reason.</summary>
    public async Task<AppUser> AddAsync(string email, string role, string password, string? displayName = null)
    {
        var canonicalRole = AppRoles.Normalize(role)
            ?? throw new UserAccountException($"Unknown role '{role}'; use one of {string.Join(", ", AppRoles.All)}.", UserAccountRefusal.UnknownRole,
                role, string.Join(", ", AppRoles.All));
        if (string.IsNullOrWhiteSpace(email) || !email.Contains('@'))
        {
            throw new UserAccountException($"'{email}' is not an e-mail address.", UserAccountRefusal.NotAnEmail, email);
        }

        await EnsureRolesAsync();
        if (await users.FindByEmailAsync(email.Trim()) is not null)
        {
            throw new UserAccountException($"A user with e-mail {email.Trim()} already exists.", UserAccountRefusal.Exists, email.Trim());
        }

        var user = new AppUser
        {
            UserName = email.Trim(),
            Email = email.Trim(),
            EmailConfirmed = true,
            DisplayName = string.IsNullOrWhiteSpace(displayName) ? email.Trim().Split('@')[0] : displayName.Trim(),
            LockoutEnabled = true,
        };
        Check(await users.CreateAsync(user, password), $"create user {user.Email}", user.Email);
        Check(await users.AddToRoleAsync(user, canonicalRole), $"add {user.Email} to role {canonicalRole}", user.Email);
        return user;
    }

    /// <summary>The settings history's name of a user's phone: <c>User.Phone:someone@example.com</c>.</summary>
    public static string PhoneSetting(string email) => $"User.Phone:{email}" is var key && key.Length > 100 ? key[..100] : $"User.Phone:{email}";

    /// <summary>The longest phone: digits, spaces, +, - and parentheses.</summary>
    public const int PhoneLength = 30;

    /// <summary>Whether a phone is acceptable: empty (clears it), or at most 30 digits, spaces, +, - and parentheses with a digit.</summary>
    public static bool IsPhone(string? phone) => string.IsNullOrWhiteSpace(phone) ||
        (phone.Trim().Length <= PhoneLength && phone.Trim().Any(char.IsAsciiDigit) && phone.Trim().All(c => char.IsAsciiDigit(c) || c is ' ' or '+' or '-' or '(' or ')'));

    /// <summary>
    /// Sets a user's phone (客服电话, which the SMS texts name); empty clears it. The change goes into the settings' history
    /// (who, when, from what to what) in the same save, from the Users page and the <c>users phone</c> verb alike.
    /// </summary>
    /// <param name="by">Who changes it: the signed-in Admin, or the verb's <c>--by</c> (else "command line").</param>
    /// <exception cref="UserAccountException">No such user, or the phone is not digits, spaces, +, - and parentheses.</exception>
    public async Task SetPhoneAsync(string email, string? phone, string by)
    {
        var user = await users.FindByEmailAsync(email.Trim()) ?? throw new UserAccountException($"No user with e-mail {email.Trim()}.", UserAccountRefusal.NoSuchUser, email.Trim());
        var value = string.IsNullOrWhiteSpace(phone) ? null : phone.Trim();
        if (!IsPhone(value))
        {
            throw new UserAccountException($"'{value}' is not a phone number (digits, spaces, +, - and parentheses, at most {PhoneLength}).",
                UserAccountRefusal.NotAPhone, value ?? "", PhoneLength);
        }

        if (user.PhoneNumber == value)
        {
            return;
        }

        // Identity's store saves through this same scoped context: the history row is written in the same SaveChanges.
        db.SettingChanges.Add(new SettingChange
        {
            At = time.GetUtcNow().UtcDateTime, UserName = by, Setting = PhoneSetting(user.Email ?? email.Trim()), OldValue = user.PhoneNumber, NewValue = value,
        });
        Check(await users.SetPhoneNumberAsync(user, value), $"set the phone of {user.Email}", user.Email ?? email.Trim());
    }

    public async Task<IReadOnlyList<UserSummary>> ListAsync()
    {
        var all = await users.Users.AsNoTracking().OrderBy(u => u.Email).ToListAsync();
        var result = new List<UserSummary>(all.Count);
        foreach (var user in all)
        {
            var userRoles = await users.GetRolesAsync(user);
            result.Add(new UserSummary(user.Id, user.Email ?? "", user.DisplayName, [.. userRoles.Order()],
                user.LockoutEnd is { } end && end > DateTimeOffset.UtcNow ? end : null) { Phone = user.PhoneNumber });
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

    /// <summary>Lifts a lockout after repeated failed sign-ins; <paramref name="email"/> names them in the refusal when another admin deleted them meanwhile.</summary>
    public async Task UnlockAsync(string userId, string email)
    {
        var user = await users.FindByIdAsync(userId) ?? throw new UserAccountException("The user no longer exists.", UserAccountRefusal.NoSuchUser, email);
        Check(await users.SetLockoutEndDateAsync(user, null), "unlock", user.Email ?? "");
        Check(await users.ResetAccessFailedCountAsync(user), "reset failed count", user.Email ?? "");
    }

    /// <summary>
    /// Identity's refusal as a <see cref="UserAccountException"/>: its descriptions (English) in the message, a password rule, a
    /// taken or invalid address as the reason the page words, else <see cref="UserAccountRefusal.NotSaved"/>.
    /// </summary>
    private void Check(IdentityResult result, string what, string email = "")
    {
        if (result.Succeeded)
        {
            return;
        }

        var codes = result.Errors.Select(e => e.Code).ToList();
        var (reason, argument) =
            codes.Any(c => c.StartsWith("Password", StringComparison.Ordinal)) ? (UserAccountRefusal.PasswordRejected, (object)PasswordLength)
            : codes.Any(c => c is nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName)) ? (UserAccountRefusal.Exists, email)
            : codes.Any(c => c is nameof(IdentityErrorDescriber.InvalidEmail) or nameof(IdentityErrorDescriber.InvalidUserName)) ? (UserAccountRefusal.NotAnEmail, email)
            : (UserAccountRefusal.NotSaved, email);
        throw new UserAccountException($"Could not {what}: {string.Join(" ", result.Errors.Select(e => e.Description))}", reason, argument);
    }
}
