using ServiceInsights.Data.Domain;
using ServiceInsights.Data.EightD;
using ServiceInsights.Data.Entities;
using ServiceInsights.Data.Settings;
using ServiceInsights.Tests.Builders;

namespace ServiceInsights.Tests.EightD;

/// <summary>A migrated SQLite file and the 8D service on the test clock (now: 2026-11-28 10:00 Shanghai).</summary>
public abstract class EightDTestBase : IAsyncLifetime
{
    protected static readonly EightDActor Quality = new("qe.li", [AppRoles.QualityEngineer]);
    protected static readonly EightDActor OtherQuality = new("qe.zhou", [AppRoles.QualityEngineer]);
    protected static readonly EightDActor Manager = new("mgr.wang", [AppRoles.Manager]);
    protected static readonly EightDActor Staff = new("staff.zhao", [AppRoles.Staff]);

    protected TestDatabase Database { get; } = new();

    protected FaultClusterQuery Clusters { get; private set; } = null!;

    protected EightDService Service { get; private set; } = null!;

    /// <summary>The display names of the actors' users (an 8D is drafted by a user of the app and shows people by these).</summary>
    protected static readonly IReadOnlyDictionary<string, string> DisplayNames = new Dictionary<string, string>
    {
        ["qe.li"] = "李静", ["qe.zhou"] = "周明", ["mgr.wang"] = "王磊", ["staff.zhao"] = "赵婷婷",
    };

    public async Task InitializeAsync()
    {
        await Database.MigrateAsync();
        await Database.AddAsync([.. DisplayNames.Select(p => User(p.Key, p.Value))]);
        Clusters = new FaultClusterQuery(Database.Factory, TestClock.Shanghai);
        Service = new EightDService(Database.Factory, TestClock.Shanghai, new SettingsStore(Database.Factory, TestClock.Shanghai), Clusters);
    }

    /// <summary>A user as the users verb stores one: login = e-mail.</summary>
    public static AppUser User(string login, string displayName) => new()
    {
        UserName = login, NormalizedUserName = login.ToUpperInvariant(), Email = $"{login}@example.cn",
        NormalizedEmail = $"{login}@example.cn".ToUpperInvariant(), DisplayName = displayName,
    };

    public Task DisposeAsync()
    {
        Database.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>A bare complaint stored alone: no ticket, no measures, no causes.</summary>
    protected async Task<string> BareComplaintAsync(string no = "TS-BARE")
    {
        await Database.AddAsync(new ComplaintBuilder().No(no).ReceivedAt("2026-11-02 09:00").Build());
        return no;
    }

    /// <summary>A draft made by <see cref="Quality"/> from a bare complaint.</summary>
    protected async Task<EightDDocument> DraftAsync(string no = "TS-BARE")
    {
        await BareComplaintAsync(no);
        return await Service.CreateFromComplaintAsync(no, Quality.Name);
    }

    /// <summary>D4 with one occurrence cause (100 %), a D5 action linked to it (verified) and a D6 step: passes every rule.</summary>
    protected static EightDContent Complete(EightDContent content)
    {
        var edited = content.Clone();
        edited.D4.Causes = [new RootCause { Id = 1, Kind = CauseKind.Occurrence, Description = "焊点虚焊", ContributionPercent = 100 }];
        edited.D5.Actions = [new PermanentAction { Id = 1, CauseId = 1, Action = "更换焊接工艺", VerifiedOn = new DateOnly(2026, 11, 20) }];
        edited.D6.Steps = [new ImplementationStep { ActionId = 1, PlannedOn = new DateOnly(2026, 11, 21), ValidatedOn = new DateOnly(2026, 11, 25) }];
        return edited;
    }

    /// <summary>Saves D4, D5 and D6 of <paramref name="edited"/> in that order; returns the last version.</summary>
    protected async Task<int> SaveCausesAndActionsAsync(string number, int version, EightDContent edited, EightDActor actor)
    {
        version = (await Service.SaveSectionAsync(number, version, EightDSection.D4, edited, actor)).Version;
        version = (await Service.SaveSectionAsync(number, version, EightDSection.D5, edited, actor)).Version;
        return (await Service.SaveSectionAsync(number, version, EightDSection.D6, edited, actor)).Version;
    }
}
