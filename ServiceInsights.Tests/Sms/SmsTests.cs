using System.Text;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using ServiceInsights.Data.Entities;
using ServiceInsights.Data.Settings;
using ServiceInsights.Data.Sms;
using ServiceInsights.Data.Worklist;
using ServiceInsights.Tests.Builders;
using ServiceInsights.Tests.Worklist;
using ServiceInsights.Web.Exports.Worklist;

namespace ServiceInsights.Tests.Sms;

/// <summary>SMS templates: placeholders, validation, segments, storage with history, rendering for the worklist, the batch files.</summary>
public sealed class SmsTests : IAsyncLifetime
{
    private readonly TestDatabase _db = new();

    public async Task InitializeAsync() => await _db.MigrateAsync();

    public Task DisposeAsync()
    {
        _db.Dispose();
        return Task.CompletedTask;
    }

    private SmsTemplateStore Store() => new(_db.Factory, TestClock.Shanghai);

    [Theory]
    [InlineData("{联系人}您好 {地址}", "{地址}")]
    [InlineData("{客户}{customer}", "{customer}")]
    [InlineData("您好 {联系人", "花括号")]
    [InlineData("   ", "不能为空")]
    public void AnUnknownPlaceholderOrABadTemplateIsAnErrorNamingIt(string template, string named)
    {
        var error = Assert.Throws<InvalidSettingException>(() => SmsText.Validate(SmsTemplateKind.Weekly, template));
        Assert.Contains(named, error.Message);
        Assert.Equal("Sms.Weekly", error.Setting);
    }

    [Fact]
    public void EveryDefaultUsesKnownPlaceholdersAndNamesTheStaffMemberAndPhone()
    {
        foreach (var kind in Enum.GetValues<SmsTemplateKind>())
        {
            SmsText.Validate(kind, SmsText.Default(kind));
            Assert.Contains("{客服}", SmsText.Default(kind));
            Assert.Contains("{客服电话}", SmsText.Default(kind));
        }
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(70, 1)]
    [InlineData(71, 2)]
    [InlineData(140, 2)]
    [InlineData(141, 3)]
    public void ASegmentIsSeventyChineseCharacters(int length, int segments)
    {
        var text = new string('回', length);
        Assert.Equal((length, segments), (SmsText.Length(text), SmsText.Segments(text)));
    }

    [Fact]
    public async Task ASavedTemplateIsInForceWithItsHistoryAndABadOneStoresNothing()
    {
        Assert.True(await Store().SaveAsync(SmsTemplateKind.Monthly, "{联系人}您好，月回访", "admin"));
        Assert.False(await Store().SaveAsync(SmsTemplateKind.Monthly, "{联系人}您好，月回访", "admin"));
        await Assert.ThrowsAsync<InvalidSettingException>(() => Store().SaveAsync(SmsTemplateKind.Monthly, "{联系人}您好，{地址}", "admin"));

        Assert.Equal("{联系人}您好，月回访", (await Store().GetAsync())[SmsTemplateKind.Monthly]);
        Assert.Equal(SmsText.Default(SmsTemplateKind.Weekly), (await Store().GetAsync())[SmsTemplateKind.Weekly]);
        await using var db = _db.Open();
        var change = await db.SettingChanges.SingleAsync();
        Assert.Equal(("Sms.Monthly", SmsText.Default(SmsTemplateKind.Monthly), "{联系人}您好，月回访"), (change.Setting, change.OldValue, change.NewValue));
    }

    [Fact]
    public async Task TheWorklistsSmsItemsAreRenderedWithTheCustomerAndTheStaffMembersPhone()
    {
        await _db.AddAsync(
            new TicketBuilder().No("GD1").ReceivedAt("2026-11-01 09:00").ResolvedAt("2026-11-02 10:00").Staff("王芳").Product("虫情测报灯", "CQ-3")
                .With(t => (t.Contact, t.Phone) = ("李工", "13800000001")).Build(),
            new TicketBuilder().No("GD2").ReceivedAt("2026-10-10 09:00").ResolvedAt("2026-10-12 10:00").Staff("王芳").Product("土壤检测仪", "TR-1").Build());
        await using (var db = _db.Open())
        {
            db.Users.Add(new AppUser { UserName = "wf@x", Email = "wf@x", DisplayName = "王芳", PhoneNumber = "0531-88880000" });
            await db.SaveChangesAsync();
        }

        await Store().SaveAsync(SmsTemplateKind.Weekly, "{联系人}您好，{产品}（{型号}）{日期}服务完毕；客服{客服} {客服电话}，工单{工单号}", "admin");
        var worklist = await _db.Worklist().RunAsync(new WorklistFilter(), TestClock.Local("2026-11-05 09:00"));

        var messages = await new WorklistSmsQuery(Store(), _db.Factory).RenderAsync(worklist);

        Assert.Equal(["GD1", "GD2"], messages.Select(m => m.Item.TicketNo).Order());
        var weekly = messages.Single(m => m.Item.TicketNo == "GD1");
        Assert.Equal((SmsTemplateKind.Weekly, "13800000001", "李工您好，虫情测报灯（CQ-3）2026-11-02服务完毕；客服王芳 0531-88880000，工单GD1"),
            (weekly.Kind, weekly.Phone, weekly.Text));
        Assert.Equal((SmsText.Length(weekly.Text), 1), (weekly.Length, weekly.Segments));
        var monthly = messages.Single(m => m.Item.TicketNo == "GD2");
        Assert.Equal((SmsTemplateKind.Monthly, null), (monthly.Kind, monthly.Phone));
        // GD2 names no contact and no phone: its text would have a blank, so the batch leaves it out and says why.
        Assert.Equal(["联系人"], monthly.Missing);
        Assert.False(monthly.Sendable);
        Assert.True(weekly.Sendable);

        var csv = SmsBatch.Csv(messages);
        Assert.Equal(Encoding.UTF8.GetPreamble(), csv[..3]);
        var lines = Encoding.UTF8.GetString(csv[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("手机号码,短信内容", lines[0]);
        Assert.Contains("13800000001,李工您好，虫情测报灯（CQ-3）2026-11-02服务完毕；客服王芳 0531-88880000，工单GD1", lines);
        Assert.Equal(2, lines.Length);

        using var xlsx = new XLWorkbook(new MemoryStream(SmsBatch.Xlsx(messages)));
        var sheet = xlsx.Worksheet(1);
        Assert.Equal(["手机号码", "短信内容", "工单号", "客服", "字数", "条数"], sheet.Row(1).CellsUsed().Select(c => c.GetString()));
        Assert.Equal([weekly.Text], sheet.RowsUsed().Skip(1).Select(r => r.Cell(2).GetString()));
    }
}
