using ServiceInsights.Data.Domain.Metrics;
using static ServiceInsights.Tests.Domain.Metrics.MetricFacts;

namespace ServiceInsights.Tests.Domain.Metrics;

public sealed class BilingualTextTests
{
    [Fact]
    public void WritesALazyReasonOnFirstReadOncePerLanguage()
    {
        var calls = new List<bool>();
        var text = BilingualText.Lazy(zh =>
        {
            calls.Add(zh);
            return zh ? "已于 2026-10-09 09:05 发送确认短信" : "SMS confirmation sent on 2026-10-09 09:05";
        });

        Assert.Empty(calls);
        Assert.Equal("SMS confirmation sent on 2026-10-09 09:05", text.English);
        Assert.Equal("SMS confirmation sent on 2026-10-09 09:05", text.In(false));
        Assert.Equal("已于 2026-10-09 09:05 发送确认短信", text.Chinese);
        Assert.Equal([false, true], calls);
    }

    [Fact]
    public void ALazyReasonEqualsTheSameWordsWrittenAtOnce()
    {
        var lazy = BilingualText.Lazy(zh => zh ? "中文" : "English");

        Assert.Equal(new BilingualText("中文", "English"), lazy);
        Assert.NotEqual(new BilingualText("中文", "other"), lazy);
        Assert.Equal(new BilingualText("中文", "English").GetHashCode(), lazy.GetHashCode());
        var (chinese, english) = lazy;
        Assert.Equal(("中文", "English"), (chinese, english));
    }

    [Fact]
    public void ARuleWritesTheSameReasonLazilyAsItsDictionaryWording()
    {
        var ticket = Ticket("2026-10-09 09:00") with { ResolvedAt = At("2026-10-09 16:20") };

        var missed = new Cs3dPhoneFollowUp().Evaluate(ticket, AsOf("2026-11-27 00:00"));

        Assert.Equal((Verdict.Missed, "no phone callback within 7 days of resolution on 2026-10-09 16:20"), (missed.Verdict, missed.Reason.English));
        Assert.Equal("解决（2026-10-09 16:20）后 7 天内无电话回访", missed.Reason.Chinese);
    }
}
