using System.Net;

namespace ServiceInsights.Tests.Hosting;

public class LockoutTests
{
    [Fact]
    public async Task LocksTheAccountAfterFiveFailedSignIns()
    {
        using var app = new AppFactory();
        using var client = app.CreateAnonymousClient();
        var staff = Web.Hosting.DemoUsers.All.Single(u => u.Role == "Staff");

        for (var attempt = 0; attempt < 5; attempt++)
        {
            var failed = await AppFactory.PostLoginAsync(client, staff.Email, "not-the-password");
            Assert.Equal(HttpStatusCode.Redirect, failed.StatusCode);
        }

        var locked = await AppFactory.PostLoginAsync(client, staff.Email, staff.Password);
        Assert.Contains("error=locked", locked.Headers.Location?.OriginalString);

        var page = await client.GetStringAsync(locked.Headers.Location!.OriginalString);
        Assert.Contains("data-testid=\"login-message\"", page);
    }
}
