using Bunit;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Entities;
using ServiceInsights.Data.Settings;
using ServiceInsights.Tests.Builders;
using ServiceInsights.Web.Components.Pages.Admin.Settings;

namespace ServiceInsights.Tests.Components.Pages.Admin.Settings;

public class SettingsComponentTests : MudTestContext
{
    private static CalendarSettings Calendar(params CalendarDayEditInfo[] edits)
    {
        var days = HolidaySchedule.Shipped.Days.Where(d => !edits.Any(e => e.Date == d.Date))
            .Concat(edits.Select(e => new ScheduledDay(e.Date, e.Kind == CalendarDayKind.OffDay, e.Name)));
        return new CalendarSettings(new WorkingCalendar(new HolidaySchedule(days, HolidaySchedule.Shipped.Years)), [], edits,
            WorkingCalendar.DefaultHours);
    }

    [Fact]
    public void TheMonthViewMarksHolidaysMakeUpDaysAndWeekendsWithTheirNames()
    {
        var view = Render<CalendarMonthView>(p => p.Add(c => c.Settings, Calendar()).Add(c => c.Month, new ReportMonth(2026, 10)));

        var nationalDay = view.Find("[data-testid=day-2026-10-01]");
        Assert.Equal("holiday", nationalDay.GetAttribute("data-kind"));
        Assert.Contains("国庆节", nationalDay.TextContent);
        var makeUp = view.Find("[data-testid=day-2026-10-10]");
        Assert.Equal("makeup", makeUp.GetAttribute("data-kind"));
        Assert.Contains("调休", makeUp.TextContent);
        Assert.Equal("weekend", view.Find("[data-testid=day-2026-10-11]").GetAttribute("data-kind"));
        Assert.Equal("workday", view.Find("[data-testid=day-2026-10-12]").GetAttribute("data-kind"));
        Assert.Equal(31, view.FindAll("[data-testid^=day-]").Count);
    }

    [Fact]
    public void AnEditedDayShowsItsNewKindAndAClickReportsTheDate()
    {
        DateOnly? clicked = null;
        var edit = new CalendarDayEditInfo(new DateOnly(2026, 3, 2), CalendarDayKind.OffDay, "厂庆", new DateTime(2026, 2, 1), "admin");
        var view = Render<CalendarMonthView>(p => p.Add(c => c.Settings, Calendar(edit)).Add(c => c.Month, new ReportMonth(2026, 3))
            .Add(c => c.DayClicked, (DateOnly d) => clicked = d));

        view.Find("[data-testid=day-2026-03-02]").Click();

        var day = view.Find("[data-testid=day-2026-03-02]");
        Assert.Equal("holiday", day.GetAttribute("data-kind"));
        Assert.Contains("厂庆", day.TextContent);
        Assert.Equal(new DateOnly(2026, 3, 2), clicked);
    }

    [Fact]
    public void EveryNumericTargetHasAFieldOnThePage()
    {
        var numeric = typeof(SlaSettings).GetProperties().Where(p => p.PropertyType == typeof(int)).Select(p => p.Name).Order();
        Assert.Equal(numeric, SettingsText.Targets.Select(t => t.Property).Order());
    }
}
