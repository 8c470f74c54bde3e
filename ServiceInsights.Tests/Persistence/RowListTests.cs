using ServiceInsights.Data.Reports;
using ServiceInsights.Data.Persistence;

namespace ServiceInsights.Tests.Persistence;

public sealed class RowListTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(8191)]
    [InlineData(8192)]
    [InlineData(8193)]
    [InlineData(20000)]
    public void RowsAcrossBlocksAreCountedIndexedAndEnumeratedInTheOrderAdded(int count)
    {
        var rows = new RowList<(int Number, string Text)>();
        for (var i = 0; i < count; i++)
        {
            rows.Add((i, $"GD-{i}"));
        }

        Assert.Equal(count, rows.Count);
        Assert.Equal(Enumerable.Range(0, count), rows.Select(r => r.Number));
        Assert.All(Enumerable.Range(0, count), i => Assert.Equal($"GD-{i}", rows[i].Text));
        Assert.Throws<ArgumentOutOfRangeException>(() => rows[count]);
        Assert.Throws<ArgumentOutOfRangeException>(() => rows[-1]);
    }
}
