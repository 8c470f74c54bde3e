using Microsoft.Extensions.Options;
using ServiceInsights.Data.Domain;

namespace ServiceInsights.Web.Hosting;

public sealed class DemoUserOptions
{
    /// <summary>On in Development (appsettings.Development.json); off everywhere else.</summary>
    public bool Enabled { get; set; }
}

/// <summary>One demo user per role, created on the first start of an empty Development database (listed in the README).</summary>
public static class DemoUsers
{
    public sealed record DemoUser(string Email, string Role, string Password, string DisplayName);

    public static IReadOnlyList<DemoUser> All { get; } =
    [
        new("admin@serviceinsights.local", AppRoles.Admin, "Admin#2026", "系统管理员"),
        new("manager@serviceinsights.local", AppRoles.Manager, "Manager#2026", "王建国"),
        new("quality@serviceinsights.local", AppRoles.QualityEngineer, "Quality#2026", "李明"),
        new("staff@serviceinsights.local", AppRoles.Staff, "Staff#2026", "张丽"),
    ];

    public static async Task SeedAsync(IServiceProvider services, ILogger logger)
    {
        if (!services.GetRequiredService<IOptions<DemoUserOptions>>().Value.Enabled)
        {
            return;
        }

        await using var scope = services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<UserAccounts>();
        await accounts.EnsureRolesAsync();
        if (await accounts.AnyAsync())
        {
            return;
        }

        foreach (var user in All)
        {
            await accounts.AddAsync(user.Email, user.Role, user.Password, user.DisplayName);
        }

        logger.LogInformation("Created {Count} demo users ({Emails})", All.Count, string.Join(", ", All.Select(u => u.Email)));
    }
}
