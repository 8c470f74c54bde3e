using System.IO.Compression;
using System.Xml;

namespace ServiceInsights.Data.Import;

/// <summary>
/// Checks an XLSX package before ExcelDataReader opens it, because that reader keeps the whole shared-strings table and
/// every cell's text in memory (issue 20, D1/D5): every part is inflated once, its bytes counted as they come (not the
/// sizes the zip claims), and a part over <see cref="ImportLimits.PartBytes"/> refuses the file. A part with a text run
/// longer than <see cref="ImportLimits.LongTextLength"/> bytes is copied with every text node cut to one character past
/// the limit, so the reader never holds more and the row is rejected as too long with its first characters.
/// </summary>
public static class XlsxPackage
{
    /// <summary>The path of a checked copy to read instead of <paramref name="path"/>, or null when the file can be read as it is.</summary>
    public static string? Check(string path, string fileName, ImportLimits limits)
    {
        var longParts = new List<string>();
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16))
        {
            if (!IsZip(stream))
            {
                return null; // a legacy .xls (BIFF): ExcelDataReader streams its records
            }

            try
            {
                using var zip = new ZipArchive(stream, ZipArchiveMode.Read);
                var buffer = new byte[1 << 16];
                foreach (var entry in zip.Entries)
                {
                    if (LongestText(entry, buffer, fileName, limits) > limits.LongTextLength
                        && entry.FullName.EndsWith(".xml", StringComparison.OrdinalIgnoreCase))
                    {
                        longParts.Add(entry.FullName);
                    }
                }
            }
            catch (InvalidDataException ex)
            {
                throw new ImportFileException($"{fileName}: not a readable Excel workbook ({ex.Message}).",
                    $"{fileName}：不是可读取的 Excel 工作簿（{ex.Message}）。", ex);
            }
        }

        return longParts.Count == 0 ? null : CutCopy(path, fileName, longParts, limits.LongTextLength + 1);
    }

    private static bool IsZip(Stream stream)
    {
        Span<byte> magic = stackalloc byte[4];
        var read = stream.ReadAtLeast(magic, 4, throwOnEndOfStream: false);
        stream.Position = 0;
        return read == 4 && magic[0] == (byte)'P' && magic[1] == (byte)'K' && magic[2] == 3 && magic[3] == 4;
    }

    /// <summary>
    /// Inflates one part, refusing it past the size limit, and returns the most bytes between two '&lt;' — an upper bound
    /// of the longest text node (it includes one tag), found with a vectorised search.
    /// </summary>
    private static long LongestText(ZipArchiveEntry entry, byte[] buffer, string fileName, ImportLimits limits)
    {
        using var part = entry.Open();
        long total = 0, run = 0, longest = 0;
        int read;
        while ((read = part.Read(buffer, 0, buffer.Length)) > 0)
        {
            total += read;
            if (total > limits.PartBytes)
            {
                throw LimitException.PartSize(fileName, entry.FullName, limits.PartBytes);
            }

            var span = buffer.AsSpan(0, read);
            int next;
            while ((next = span.IndexOf((byte)'<')) >= 0)
            {
                longest = Math.Max(longest, run + next);
                run = 0;
                span = span[(next + 1)..];
            }

            run += span.Length;
        }

        return Math.Max(longest, run);
    }

    private static string CutCopy(string path, string fileName, List<string> longParts, int keep)
    {
        var copy = Path.Combine(Path.GetTempPath(), $"si-import-{Guid.NewGuid():N}.xlsx");
        try
        {
            using var source = ZipFile.OpenRead(path);
            using var target = ZipFile.Open(copy, ZipArchiveMode.Create);
            foreach (var entry in source.Entries)
            {
                using var input = entry.Open();
                using var output = target.CreateEntry(entry.FullName, CompressionLevel.Fastest).Open();
                if (longParts.Contains(entry.FullName))
                {
                    CutTexts(input, output, keep);
                }
                else
                {
                    input.CopyTo(output);
                }
            }

            return copy;
        }
        catch (Exception ex) when (ex is XmlException or InvalidDataException)
        {
            File.Delete(copy);
            throw new ImportFileException($"{fileName}: not a readable Excel workbook ({ex.Message}).",
                $"{fileName}：不是可读取的 Excel 工作簿（{ex.Message}）。", ex);
        }
        catch
        {
            File.Delete(copy);
            throw;
        }
    }

    /// <summary>Copies an XML part node by node, every text node cut to <paramref name="keep"/> characters (read in chunks, never whole).</summary>
    private static void CutTexts(Stream input, Stream output, int keep)
    {
        using var reader = XmlReader.Create(input, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        using var writer = XmlWriter.Create(output, new XmlWriterSettings { Encoding = new System.Text.UTF8Encoding(false) });
        var kept = new char[keep + 1];
        var scratch = new char[1 << 14];
        while (reader.Read())
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    writer.WriteStartElement(reader.Prefix, reader.LocalName, reader.NamespaceURI);
                    writer.WriteAttributes(reader, defattr: true);
                    if (reader.IsEmptyElement)
                    {
                        writer.WriteEndElement();
                    }

                    break;
                case XmlNodeType.EndElement:
                    writer.WriteFullEndElement();
                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA:
                    var length = 0;
                    int read;
                    // One spare character: the reader does not split a surrogate pair, so the last call may need two.
                    while (length < keep && (read = reader.ReadValueChunk(kept, length, kept.Length - length)) > 0)
                    {
                        length += read;
                    }

                    while (reader.ReadValueChunk(scratch, 0, scratch.Length) > 0)
                    {
                        // the rest of an over-long value is skipped
                    }

                    writer.WriteChars(kept, 0, length > keep && !char.IsHighSurrogate(kept[keep - 1]) ? keep : length);
                    break;
                case XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    writer.WriteWhitespace(reader.Value);
                    break;
                case XmlNodeType.ProcessingInstruction:
                    writer.WriteProcessingInstruction(reader.Name, reader.Value);
                    break;
                case XmlNodeType.EntityReference:
                    writer.WriteEntityRef(reader.Name);
                    break;
            }
        }
    }
}
