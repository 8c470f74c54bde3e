using System.Text;
using System.Text.Unicode;

namespace ServiceInsights.Data.Import;

/// <summary>
/// A CSV file read as a stream: UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030/GBK — what Excel on a
/// Chinese Windows saves — detected by checking whether the bytes are valid UTF-8. Comma, semicolon or tab separated
/// (decided from the header line); RFC 4180 quoting, with line breaks inside quoted fields.
/// </summary>
public sealed class CsvImportFile : IImportFile
{
    private readonly FileStream _stream;
    private readonly string _fileName;

    static CsvImportFile() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public CsvImportFile(string path, string fileName)
    {
        _fileName = fileName;
        _stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        Encoding = DetectEncoding(_stream, out var bomLength);
        _stream.Position = bomLength;
    }

    public Encoding Encoding { get; }

    public long Length => _stream.Length;

    public long Position => _stream.Position;

    public IEnumerable<TableSource> Tables()
    {
        yield return new CsvTable(this);
    }

    public void Dispose() => _stream.Dispose();

    /// <summary>BOM first; otherwise UTF-8 when every byte sequence is valid UTF-8, else GB18030 (a superset of GBK).</summary>
    public static Encoding DetectEncoding(Stream stream, out int bomLength)
    {
        Span<byte> bom = stackalloc byte[3];
        stream.Position = 0;
        var read = stream.ReadAtLeast(bom, 3, throwOnEndOfStream: false);
        stream.Position = 0;
        if (read >= 3 && bom[0] == 0xEF && bom[1] == 0xBB && bom[2] == 0xBF)
        {
            bomLength = 3;
            return new UTF8Encoding(false);
        }

        if (read >= 2 && bom[0] == 0xFF && bom[1] == 0xFE)
        {
            bomLength = 2;
            return Encoding.Unicode;
        }

        if (read >= 2 && bom[0] == 0xFE && bom[1] == 0xFF)
        {
            bomLength = 2;
            return Encoding.BigEndianUnicode;
        }

        bomLength = 0;
        var valid = IsValidUtf8(stream);
        stream.Position = 0;
        return valid ? new UTF8Encoding(false) : Encoding.GetEncoding("GB18030");
    }

    private static bool IsValidUtf8(Stream stream)
    {
        var buffer = new byte[1 << 16];
        var carried = 0;
        int read;
        while ((read = stream.Read(buffer, carried, buffer.Length - carried)) > 0)
        {
            var length = carried + read;
            // A multi-byte character may straddle two reads: keep its start for the next round.
            var complete = length;
            var back = 0;
            while (back < 3 && complete > 0 && (buffer[complete - 1] & 0xC0) == 0x80)
            {
                complete--;
                back++;
            }

            if (complete > 0 && buffer[complete - 1] >= 0xC0)
            {
                complete--;
            }
            else if (back > 0)
            {
                complete += back; // continuation bytes after an ASCII byte are invalid anyway; let the validator see them
            }

            if (!Utf8.IsValid(buffer.AsSpan(0, complete)))
            {
                return false;
            }

            carried = length - complete;
            Array.Copy(buffer, complete, buffer, 0, carried);
        }

        return carried == 0 || Utf8.IsValid(buffer.AsSpan(0, carried));
    }

    private sealed class CsvTable : TableSource
    {
        private readonly CsvImportFile _file;
        private readonly StreamReader _reader;
        private readonly char _separator;
        private readonly List<string> _headers;

        public CsvTable(CsvImportFile file) : base(file._fileName, null)
        {
            _file = file;
            _reader = new StreamReader(file._stream, file.Encoding, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16, leaveOpen: true);
            var headerLine = PeekHeaderLine();
            _separator = ChooseSeparator(headerLine);
            var header = ReadRecord(new List<string>()) ?? throw new ImportFileException($"{file._fileName}: the file is empty.");
            _headers = [.. header.Select(h => h.Trim().Trim('\uFEFF'))];
        }

        public override IReadOnlyList<string> Headers => _headers;

        public override IEnumerable<SourceRow> Rows(CancellationToken cancellationToken)
        {
            var rowNumber = 1;
            var fields = new List<string>(_headers.Count);
            while (ReadRecord(fields) is { } record)
            {
                rowNumber++;
                if (record.TrueForAll(string.IsNullOrWhiteSpace))
                {
                    continue;
                }

                if ((rowNumber & 0x3FF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                var cells = new object?[Math.Max(record.Count, _headers.Count)];
                for (var i = 0; i < record.Count; i++)
                {
                    cells[i] = record[i];
                }

                yield return new SourceRow(rowNumber, cells);
            }
        }

        private string PeekHeaderLine()
        {
            // The separator is decided from the first line; remember it so ReadRecord sees it again.
            var builder = new StringBuilder();
            int c;
            while ((c = _reader.Peek()) >= 0 && c != '\n' && builder.Length < 1 << 16)
            {
                builder.Append((char)_reader.Read());
            }

            _pending = builder.ToString();
            return _pending;
        }

        private string? _pending;
        private int _pendingIndex;

        private int Read()
        {
            if (_pending is not null)
            {
                if (_pendingIndex < _pending.Length)
                {
                    return _pending[_pendingIndex++];
                }

                _pending = null;
            }

            return _reader.Read();
        }

        private static char ChooseSeparator(string line)
        {
            int commas = 0, tabs = 0, semicolons = 0;
            var quoted = false;
            foreach (var c in line)
            {
                switch (c)
                {
                    case '"': quoted = !quoted; break;
                    case ',' when !quoted: commas++; break;
                    case '\t' when !quoted: tabs++; break;
                    case ';' when !quoted: semicolons++; break;
                }
            }

            return tabs > commas && tabs >= semicolons ? '\t' : semicolons > commas ? ';' : ',';
        }

        /// <summary>Reads one record into <paramref name="fields"/> (reused); null at the end of the file.</summary>
        private List<string>? ReadRecord(List<string> fields)
        {
            fields.Clear();
            var field = new StringBuilder();
            var c = Read();
            if (c < 0)
            {
                return null;
            }

            var quoted = false;
            var wasQuoted = false;
            while (true)
            {
                if (quoted)
                {
                    if (c < 0)
                    {
                        break; // unterminated quote: take what there is
                    }

                    if (c == '"')
                    {
                        var next = Read();
                        if (next == '"')
                        {
                            field.Append('"');
                        }
                        else
                        {
                            quoted = false;
                            c = next;
                            continue;
                        }
                    }
                    else
                    {
                        field.Append((char)c);
                    }
                }
                else if (c == '"' && field.Length == 0 && !wasQuoted)
                {
                    quoted = wasQuoted = true;
                }
                else if (c == _separator)
                {
                    fields.Add(field.ToString());
                    field.Clear();
                    wasQuoted = false;
                }
                else if (c is '\n' or '\r' or < 0)
                {
                    if (c == '\r' && PeekNext() == '\n')
                    {
                        Read();
                    }

                    break;
                }
                else
                {
                    field.Append((char)c);
                }

                c = Read();
            }

            fields.Add(field.ToString());
            return fields;
        }

        private int PeekNext() => _pending is not null && _pendingIndex < _pending.Length ? _pending[_pendingIndex] : _reader.Peek();
    }
}
