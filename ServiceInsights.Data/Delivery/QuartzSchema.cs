using System.Reflection;

namespace ServiceInsights.Data.Delivery;

/// <summary>
/// The Quartz.NET ADO job store's tables (QRTZ_), created by the migration <c>DeliverQuartzJobStore</c> of each provider
/// from the script Quartz 4.7.3 provisions itself with, so the scheduler finds its schema like every other table: through
/// the app's migrations, not by creating tables at start-up.
/// </summary>
public static class QuartzSchema
{
    public const string Sqlite = "Sqlite";
    public const string SqlServer = "SqlServer";

    public const string TablePrefix = "QRTZ_";

    /// <summary>Every table, those with a foreign key to another first, so they can be dropped in this order.</summary>
    public static IReadOnlyList<string> TablesChildrenFirst { get; } =
    [
        "QRTZ_SIMPLE_TRIGGERS", "QRTZ_CRON_TRIGGERS", "QRTZ_SIMPROP_TRIGGERS", "QRTZ_BLOB_TRIGGERS", "QRTZ_TRIGGERS", "QRTZ_JOB_DETAILS",
        "QRTZ_CALENDARS", "QRTZ_PAUSED_TRIGGER_GRPS", "QRTZ_PAUSED_JOB_GRPS", "QRTZ_FIRED_TRIGGERS", "QRTZ_SCHEDULER_STATE", "QRTZ_LOCKS",
        "QRTZ_EXECUTION_HISTORY", "QRTZ_MISFIRE_HISTORY", "QRTZ_JOB_STATUS",
    ];

    /// <summary>The script's statements, split on its <c>--;;</c> lines (a SQLite trigger body holds semicolons).</summary>
    public static IReadOnlyList<string> Statements(string provider)
    {
        var name = $"ServiceInsights.Migrations.{provider}.DeliverQuartzJobStore.sql";
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The resource {name} is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return
        [
            .. reader.ReadToEnd().ReplaceLineEndings("\n").Split("\n--;;\n")
                .Select(part => string.Join('\n', part.Split('\n').Where(line => !line.StartsWith("--", StringComparison.Ordinal))).Trim())
                .Where(statement => statement.Length > 0),
        ];
    }
}
