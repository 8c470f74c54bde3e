using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using ServiceInsights.Data.Delivery;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Entities;
using ServiceInsights.Data.FollowUps;
using ServiceInsights.Data.Import;
using ServiceInsights.Data.Records;
using ServiceInsights.Data.Users;
using ServiceInsights.Tests.Builders;
using ServiceInsights.Web.Delivery;
using ServiceInsights.Web.Hosting;

namespace ServiceInsights.Tests.Users;

/// <summary>
/// One list of users for the follow-ups (owners) and the delivery (recipients), read from Identity's tables in a real SQLite
/// file, with one rule for the name shown: the display name unless blank, else the e-mail address, else the id.
/// </summary>
public sealed class AppUserQueryTests : IAsyncLifetime
{
    private static readonly FollowUpActor Manager = new("u-actor", "王建国", [AppRoles.Manager]);
    private readonly TestDatabase _database = new();

    public async Task InitializeAsync()
    {
        await _database.MigrateAsync();
        await using var db = _database.Open();
        db.Roles.AddRange([.. new[] { AppRoles.Admin, AppRoles.Manager, AppRoles.Staff }.Select(r => new IdentityRole(r) { Id = $"role-{r}", NormalizedName = r.ToUpperInvariant() })]);
        db.Users.AddRange(
            User("u-wang", "王芳", "wang@example.cn"),
            User("u-blank", "", "Blank@example.cn"),
            User("u-space", "   ", "space@example.cn"),
            User("u-li", " 李强 ", "li@example.cn"),
            User("u-none", "", null));
        db.UserRoles.AddRange(
            Role("u-wang", AppRoles.Staff), Role("u-blank", AppRoles.Manager), Role("u-space", AppRoles.Manager), Role("u-space", AppRoles.Admin),
            Role("u-li", AppRoles.Staff), Role("u-none", AppRoles.Staff));
        await db.SaveChangesAsync();
        await _database.AddAsync(new CallbackBuilder().No("HF-1").At("2026-10-20 15:00").Satisfaction(5).Build());
    }

    public Task DisposeAsync()
    {
        _database.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task NamesEachUserByTheDisplayNameElseTheAddressElseTheIdInOrdinalOrderWithTheirRoles()
    {
        var users = await new AppUserQuery(_database.Factory).AllAsync();

        Assert.Equal(["Blank@example.cn", "space@example.cn", "u-none", "李强", "王芳"], users.Select(u => u.Name));
        var space = users.Single(u => u.Id == "u-space");
        Assert.Equal([AppRoles.Admin, AppRoles.Manager], space.Roles);
        Assert.Equal("space@example.cn", space.Email);
        Assert.Null(users.Single(u => u.Id == "u-none").Email);
        Assert.Equal([AppRoles.Staff], users.Single(u => u.Name == "李强").Roles);
    }

    [Theory]
    [InlineData("王芳", "w@x", "u1", "王芳")]
    [InlineData(" 王芳 ", "w@x", "u1", "王芳")]
    [InlineData("", "w@x", "u1", "w@x")]
    [InlineData("  ", " w@x ", "u1", "w@x")]
    [InlineData(null, null, "u1", "u1")]
    [InlineData("", "  ", "u1", "u1")]
    public void TheNameShownIsTheDisplayNameElseTheAddressElseTheId(string? displayName, string? email, string id, string expected) =>
        Assert.Equal(expected, AppUserQuery.NameOf(displayName, email, id));

    [Fact]
    public async Task AFollowUpOwnerAndADeliveryRecipientWithoutADisplayNameAreBothNamedByTheirAddress()
    {
        var users = new AppUserQuery(_database.Factory);

        var item = await _database.FollowUps().OpenAsync(Manager, new RecordRef(RecordKind.Callbacks, "HF-1"), new FollowUpEdit("回电", "u-space", null));
        var recipients = new DeliveryRecipients(users, Authorization(), []);
        var (people, unknown) = await recipients.ResolveAsync(
            new DeliverySubscription(0, "月报", [], ["pdf"], "zh-CN", [AppRoles.Manager], ["LI@example.cn", "nobody@example.cn"], 1, new TimeOnly(9, 0), true, true));

        Assert.Equal("space@example.cn", item.OwnerName);
        Assert.Equal(
            [("Blank@example.cn", "Blank@example.cn"), ("space@example.cn", "space@example.cn"), ("li@example.cn", "李强")],
            people.Select(p => (p.Email, p.Name)));
        Assert.Equal(["nobody@example.cn"], unknown);
        // A user without an address owns items but receives no mail.
        Assert.Contains(await users.AllAsync(), u => u.Id == "u-none");
        Assert.DoesNotContain(await recipients.MailableAsync(), u => u.Id == "u-none");
    }

    private static AppUser User(string id, string displayName, string? email) =>
        new() { Id = id, UserName = email ?? id, Email = email, DisplayName = displayName };

    private static IdentityUserRole<string> Role(string userId, string role) => new() { UserId = userId, RoleId = $"role-{role}" };

    private static IAuthorizationService Authorization() =>
        new ServiceCollection().AddLogging().AddAuthorizationCore(Policies.Configure).BuildServiceProvider().GetRequiredService<IAuthorizationService>();
}
