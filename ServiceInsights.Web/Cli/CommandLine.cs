using Microsoft.EntityFrameworkCore;
using ServiceInsights.Data.Persistence;
using ServiceInsights.Web.FollowUps;
using ServiceInsights.Web.Hosting;

namespace ServiceInsights.Web.Cli;

/// <summary>
/// The same executable runs verbs instead of the web server: <c>dotnet run --project ServiceInsights.Web -- &lt;verb&gt;</c>.
/// Each verb applies pending migrations first, prints its result to stdout and, on failure, one line to stderr with a
/// non-zero exit code.
/// </summary>
public static class CommandLine
{
    public const int Ok = 0;
    public const int Failed = 1;

    /// <summary>The command line itself is wrong: an unknown verb or option, a missing or unreadable value.</summary>
    public const int Usage = 2;

    /// <summary>The explicit verb for the web server (the default without a verb); it is not run here.</summary>
    public const string ServeVerb = "serve";

    /// <summary>The product's verbs. The tools (seed generator, benchmarks) run the same command line with their own list.</summary>
    public static IReadOnlyList<CliVerb> ProductVerbs { get; } =
    [
        new("migrate", "migrate", "Create the database when missing and apply every pending migration.", [],
            (_, _, output) => { output.WriteLine("Database is up to date."); return Task.FromResult(Ok); }),
        new("users add", "users add --email E --role R --password P [--name N]",
            "Create a user with one role (Admin, Manager, QualityEngineer, Staff).", ["email", "role", "password", "name"],
            UsersVerbs.AddAsync),
        new("users phone", "users phone --email E --phone P [--by EMAIL]",
            "Set a user's phone (客服电话 in the SMS texts; an empty value clears it). The change is in the settings' history under " +
            "--by (default 'command line').", ["email", "phone", "by"], UsersVerbs.PhoneAsync),
        new("users list", "users list", "List users with their roles.", [], UsersVerbs.ListAsync),
        new("import", "import FILE... [--kind K] [--dry-run]",
            "Import CSV/XLSX exports (kind detected, or Tickets, Repairs, RepairUpdates, SiteVisits, Callbacks, Complaints, Quotes). " +
            "Exit 0: all rows stored; 3: some rows rejected, the rest stored; 2: a file could not be read (nothing from it stored).",
            ["kind", "dry-run"], ImportVerbs.ImportAsync, Flags: ["dry-run"]),
        new("kpi", "kpi --month YYYY-MM [--asof 2026-11-27T00:00] [--json]",
            "Every rule of the metric dictionary for a month: rate, met/eligible, pending, target. --asof is department local time " +
            "(default now); --json prints exactly one JSON object.", ["month", "asof", "json"], KpiVerbs.KpiAsync, Flags: ["json"]),
        new("worklist", "worklist [--staff NAME] [--asof 2026-11-05T09:00] [--json]",
            "The open callback duties (CS-3d, CS-7a, CS-7b, OS-2d): each rule's pending verdicts and its missed ones within the overdue " +
            "days, one staff member's (the ticket's 客服) or everyone's. --json prints exactly one JSON object.",
            ["staff", "asof", "json"], WorklistVerbs.WorklistAsync, Flags: ["json"]),
        new("report", "report callbacks|complaints|repairs|kpi --month YYYY-MM [--asof 2026-11-27T00:00] --format pdf|xlsx [--lang zh-CN|en-US] --out PATH",
            "Write a monthly report as PDF or Excel, the same file its page downloads (default language zh-CN).",
            ["month", "asof", "format", "lang", "out"], ReportVerbs.ReportAsync, ReadsFollowUps: true),
        new("eightd draft", "eightd draft --complaint COMPLAINT_NO --author EMAIL|NAME [--lang zh-CN|en-US] [--separate]",
            "Create an 8D draft prefilled from a complaint and its linked records; prints the 8D number. The author, a user of the " +
            "app named by e-mail or display name, leads the team and owns the draft; the sentences are in --lang (default zh-CN). " +
            "When an 8D already covers the problem it names it and stops, unless --separate.",
            ["complaint", "author", "lang", "separate"], EightDVerbs.DraftAsync, Flags: ["separate"]),
        new("eightd", "eightd NUMBER --format pdf|xlsx [--lang zh-CN|en-US] --out PATH",
            "Write an 8D report as PDF or Excel, the same file the editor downloads (default language zh-CN).",
            ["format", "lang", "out"], EightDVerbs.ExportAsync),
        new("month close", "month close YYYY-MM --by EMAIL [--before-month-end]",
            "Close a month (月度定版): freeze its KPI results, scorecards, settings and the four reports' PDF and Excel in zh-CN and " +
            "en-US as of now. --by names the Manager (a user of the app) who closes; the current month needs --before-month-end.",
            ["by", "before-month-end"], MonthVerbs.CloseAsync, Flags: ["before-month-end"], ReadsFollowUps: true),
        new("month reopen", "month reopen YYYY-MM --reason TEXT --by EMAIL",
            "Reopen a closed month (an Admin, with a reason); the next close replaces the archive, the old files stay in the history.",
            ["reason", "by"], MonthVerbs.ReopenAsync),
        new("month status", "month status [YYYY-MM]",
            "List the closes (in force and reopened) with who, when, why and their archived files.", [], MonthVerbs.StatusAsync),
        new("deliver run", "deliver run --month YYYY-MM [--subscription NAME | --to EMAIL[,EMAIL…] [--to EMAIL…] [--lang zh-CN|en-US]] [--dry-run]",
            "Send a month's report mails now, as the scheduler does: one subscription, every enabled one (default), or users named " +
            "by e-mail (--to repeated or comma-separated; every report their roles may open, PDF and Excel). The archived files of a closed month, else the live ones " +
            "marked not closed. --dry-run renders and lists the mails without sending. Exit 1 when a mail failed or was refused.",
            ["month", "subscription", "to", "lang", "dry-run"], DeliverVerbs.RunAsync, Flags: ["dry-run"], Repeatable: ["to"], ReadsFollowUps: true),
    ];

    /// <summary>
    /// True when the arguments name a verb (or a word that is not one: that is an error, never a server start). The web
    /// server starts without a verb, or with <see cref="ServeVerb"/>; the host's own switches (<c>--urls …</c>,
    /// <c>/urls …</c>, <c>urls=…</c>) are not verbs.
    /// </summary>
    public static bool IsCommand(string[] args) =>
        args.Length > 0 && (IsHelp(args[0]) || (args[0] != ServeVerb && !args[0].StartsWith('-') && !args[0].StartsWith('/') && !args[0].Contains('=')));

    /// <summary>The host's arguments for the web server: without <see cref="ServeVerb"/>.</summary>
    public static string[] ServerArguments(string[] args) => args is [ServeVerb, .. var rest] ? rest : args;

    public static Task<int> RunAsync(string[] args, TextWriter? stdout = null, TextWriter? stderr = null,
        Action<WebApplicationBuilder>? configure = null) =>
        RunAsync(args, ProductVerbs, "ServiceInsights — run without a verb (or with 'serve') to start the web server, or with one of these verbs:",
            stdout, stderr, configure);

    /// <summary>Runs one of <paramref name="verbs"/> against the app's composition (configuration, database, services).</summary>
    public static async Task<int> RunAsync(string[] args, IReadOnlyList<CliVerb> verbs, string title, TextWriter? stdout = null,
        TextWriter? stderr = null, Action<WebApplicationBuilder>? configure = null)
    {
        var output = stdout ?? Console.Out;
        var errors = stderr ?? Console.Error;
        if (args.Length == 0 || IsHelp(args[0]))
        {
            PrintHelp(output, verbs, title);
            return Ok;
        }

        var verb = verbs.Where(v => v.Matches(args)).MaxBy(v => v.Words.Length);
        if (verb is null)
        {
            var words = args.TakeWhile(a => !a.StartsWith('-')).Take(2);
            errors.WriteLine($"error: unknown verb '{Clip(string.Join(' ', words))}'. The verbs are:");
            errors.WriteLine(ReferenceEquals(verbs, ProductVerbs)
                ? $"  {string.Join(", ", verbs.Select(v => v.Name))}, {ServeVerb} (the web server; also without a verb)"
                : $"  {string.Join(", ", verbs.Select(v => v.Name))}");
            errors.WriteLine("Run --help for their options.");
            return Usage;
        }

        try
        {
            var options = CliOptions.Parse(args[verb.Words.Length..], verb.Options, verb.Flags, verb.Repeatable);
            if (options.Has("help"))
            {
                output.WriteLine($"usage: {verb.Usage}");
                output.WriteLine($"  {verb.Description}");
                return Ok;
            }

            var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Error);
            builder.AddServiceInsights();
            configure?.Invoke(builder);
            await using var app = builder.Build();
            await app.Services.GetRequiredService<IDbContextFactory<ServiceInsightsDbContext>>()
                .MigrateAsync(app.Services.GetRequiredService<DatabaseSettings>());
            await using var scope = app.Services.CreateAsyncScope();
            // The follow-up items are derived as the server derives them (decision 034): before a verb that reads them, since
            // no server may run on this database, and after an import, which starts a derivation as it commits (the process
            // waits for it before it ends).
            var followUps = app.Services.GetRequiredService<FollowUpDerivationQueue>();
            if (verb.ReadsFollowUps)
            {
                await followUps.RefreshAsync();
            }

            var code = await verb.RunAsync(options, scope.ServiceProvider, output);
            await followUps.IdleAsync();
            return code;
        }
        catch (CliUsageException ex)
        {
            errors.WriteLine($"error: {ex.Message.ReplaceLineEndings(" ")}");
            return Usage;
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or DbUpdateException
                                       or IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
        {
            errors.WriteLine($"error: {ex.Message.ReplaceLineEndings(" ")}");
            return Failed;
        }
    }

    private static bool IsHelp(string arg) => arg is "--help" or "-h" or "help";

    private static string Clip(string text) => text.Length <= 60 ? text : text[..60] + "…";

    private static void PrintHelp(TextWriter output, IReadOnlyList<CliVerb> verbs, string title)
    {
        output.WriteLine(title);
        output.WriteLine();
        foreach (var verb in verbs)
        {
            output.WriteLine($"  {verb.Usage}");
            output.WriteLine($"      {verb.Description}");
        }

        output.WriteLine();
        output.WriteLine("Configuration comes from appsettings.json and environment variables, e.g.");
        output.WriteLine("  Database__Provider=SqlServer ConnectionStrings__ServiceInsights=\"Server=…\"");
    }
}

/// <summary>
/// One verb: its words (<c>users add</c>), usage line, description, accepted options and handler. <see cref="Repeatable"/>
/// are the options it takes several times (<c>--to a --to b</c>); any other option given twice is a usage error.
/// <see cref="ReadsFollowUps"/>: the verb reads the follow-up items, so they are derived before it runs.
/// </summary>
public sealed record CliVerb(string Name, string Usage, string Description, IReadOnlyList<string> Options,
    Func<CliOptions, IServiceProvider, TextWriter, Task<int>> RunAsync, IReadOnlyList<string>? Flags = null, IReadOnlyList<string>? Repeatable = null,
    bool ReadsFollowUps = false)
{
    public string[] Words { get; } = Name.Split(' ');

    public bool Matches(string[] args) => args.Length >= Words.Length && Words.SequenceEqual(args[..Words.Length]);
}

public sealed class CliUsageException(string message) : Exception(message);

/// <summary>
/// <c>--name value</c> and <c>--flag</c> options plus positional arguments. An option is given once, unless it is one of the
/// repeatable ones: then every value is kept (<see cref="All"/>). A second value of any other option is refused rather than
/// silently replacing the first.
/// </summary>
public sealed class CliOptions
{
    private readonly Dictionary<string, List<string?>> _values = new(StringComparer.OrdinalIgnoreCase);

    public List<string> Positional { get; } = [];

    public static CliOptions Parse(string[] args, IReadOnlyList<string> allowed, IReadOnlyCollection<string>? flags = null,
        IReadOnlyCollection<string>? repeatable = null)
    {
        var options = new CliOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                options.Positional.Add(arg);
                continue;
            }

            var name = arg[2..];
            string? value = null;
            if (name.IndexOf('=') is var eq and > 0)
            {
                value = name[(eq + 1)..];
                name = name[..eq];
            }

            if (name != "help" && !allowed.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                throw new CliUsageException($"unknown option --{name}");
            }

            var isFlag = name == "help" || (flags?.Contains(name, StringComparer.OrdinalIgnoreCase) ?? false);
            if (value is null && !isFlag)
            {
                if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    throw new CliUsageException($"option --{name} needs a value");
                }

                value = args[++i];
            }

            if (!options._values.TryGetValue(name, out var values))
            {
                options._values[name] = [value];
            }
            else if (repeatable?.Contains(name, StringComparer.OrdinalIgnoreCase) ?? false)
            {
                values.Add(value);
            }
            else
            {
                throw new CliUsageException(isFlag ? $"option --{name} is given more than once" : $"option --{name} is given more than once; it takes one value");
            }
        }

        return options;
    }

    public bool Has(string name) => _values.ContainsKey(name);

    /// <summary>The value of an option given once (the first of a repeatable one).</summary>
    public string? Get(string name) => _values.GetValueOrDefault(name)?[0];

    /// <summary>Every value of a repeatable option, in order; empty when it was not given.</summary>
    public IReadOnlyList<string> All(string name) => [.. (_values.GetValueOrDefault(name) ?? []).OfType<string>()];

    public string Require(string name) =>
        Get(name) is { Length: > 0 } value ? value : throw new CliUsageException($"option --{name} is required");
}
