using ServiceInsights.Web.Hosting;

namespace ServiceInsights.Web.Cli;

/// <summary><c>users add</c> and <c>users list</c>: how users exist outside Development.</summary>
public static class UsersVerbs
{
    /// <summary>Who the settings history names for a change made by a verb without <c>--by</c>.</summary>
    public const string CommandLineUser = "command line";

    public static async Task<int> AddAsync(CliOptions options, IServiceProvider services, TextWriter output)
    {
        var accounts = services.GetRequiredService<UserAccounts>();
        var user = await accounts.AddAsync(options.Require("email"), options.Require("role"), options.Require("password"), options.Get("name"));
        output.WriteLine($"Created {user.Email} ({options.Require("role")}).");
        return CommandLine.Ok;
    }

    public static async Task<int> PhoneAsync(CliOptions options, IServiceProvider services, TextWriter output)
    {
        await services.GetRequiredService<UserAccounts>().SetPhoneAsync(options.Require("email"), options.Get("phone"), options.Get("by") ?? CommandLineUser);
        output.WriteLine($"Phone of {options.Require("email")} set.");
        return CommandLine.Ok;
    }

    public static async Task<int> ListAsync(CliOptions options, IServiceProvider services, TextWriter output)
    {
        var users = await services.GetRequiredService<UserAccounts>().ListAsync();
        if (users.Count == 0)
        {
            output.WriteLine("No users. Create one with: users add --email E --role R --password P");
            return CommandLine.Ok;
        }

        var width = users.Max(u => u.Email.Length);
        foreach (var user in users)
        {
            var locked = user.LockedOutUntil is { } until ? $"  locked until {until:u}" : "";
            output.WriteLine($"{user.Email.PadRight(width)}  {string.Join(",", user.Roles),-16} {user.DisplayName}{locked}");
        }

        return CommandLine.Ok;
    }
}
