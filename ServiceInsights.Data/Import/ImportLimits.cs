namespace ServiceInsights.Data.Import;

/// <summary>
/// How much one import file may hold, enforced while it is read, before a value is kept in memory (issue 20, D1/D5).
/// A value over its column's length rejects its row; a file over a per-file limit is refused and nothing is stored.
/// The Web host binds these from the <c>Import</c> section of the configuration; the defaults are what the department's
/// exports need with a wide margin (the longest 问题描述 of the seed data is a few hundred characters).
/// </summary>
public sealed record ImportLimits
{
    /// <summary>Characters of a value shown back in a message, a page or the CLI: the rest is cut with "…".</summary>
    public const int EchoLength = 100;

    /// <summary>Key columns (工单号, 维修单号 …), never more than the database column's 64.</summary>
    public int KeyLength { get; init; } = 64;

    /// <summary>Names and other short texts (客户单位, 型号, 客服 …): columns of 200 characters or fewer in the database.</summary>
    public int ShortTextLength { get; init; } = 200;

    /// <summary>Long texts (问题描述, 解决方案, 备注 …): also the longest value a reader keeps of any cell.</summary>
    public int LongTextLength { get; init; } = 10_000;

    /// <summary>Data rows of one sheet or CSV file.</summary>
    public int RowsPerSheet { get; init; } = 2_000_000;

    /// <summary>Uncompressed bytes of one part of an XLSX package (a sheet, the shared strings), counted as it inflates.</summary>
    public long PartBytes { get; init; } = 1L << 30;

    /// <summary>Cells of one row (the header's too).</summary>
    public int CellsPerRow { get; init; } = 1_000;

    public static ImportLimits Default { get; } = new();

    /// <summary>The most characters a value of <paramref name="field"/> may have (its database column's length caps it).</summary>
    public int MaxLength(ImportField field, int? columnLength)
    {
        var limit = field.IsKey ? KeyLength : columnLength is <= 200 ? ShortTextLength : LongTextLength;
        return columnLength is { } column ? Math.Min(limit, column) : limit;
    }

    /// <summary>At most <see cref="EchoLength"/> characters of a value, cut with "…" (never inside a surrogate pair).</summary>
    public static string Echo(string value)
    {
        if (value.Length <= EchoLength)
        {
            return value;
        }

        var cut = char.IsHighSurrogate(value[EchoLength - 1]) ? EchoLength - 1 : EchoLength;
        return string.Concat(value.AsSpan(0, cut), "…");
    }
}
