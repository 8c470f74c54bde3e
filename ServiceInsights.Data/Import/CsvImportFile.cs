using System.Buffers;
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
        private readonly StreamReader _reader;
        private readonly char[] _buffer = new char[1 << 16];
        private readonly StringBuilder _field = new();
        private readonly SearchValues<char> _specials;
        private readonly char _separator;
        private readonly List<string> _headers;
        private int _length;
        private int _position;

        public CsvTable(CsvImportFile file) : base(file._fileName, null)
        {
            _reader = new StreamReader(file._stream, file.Encoding, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16, leaveOpen: true);
            Fill();
            _separator = ChooseSeparator(_buffer.AsSpan(0, _length));
            _specials = SearchValues.Create([_separator, '"', '\r', '\n']);
            var header = ReadRecord(new List<string>()) ?? throw new ImportFileException($"{file._fileName}: the file is empty.", $"{file._fileName}：文件是空的。");
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

        /// <summary>The separator that occurs most often outside quotes in the first line.</summary>
        private static char ChooseSeparator(ReadOnlySpan<char> start)
        {
            int commas = 0, tabs = 0, semicolons = 0;
            var quoted = false;
            foreach (var c in start)
            {
                if (c is '\n' && !quoted)
                {
                    break;
                }

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

        private bool Fill()
        {
            _length = _reader.Read(_buffer, 0, _buffer.Length);
            _position = 0;
            return _length > 0;
        }

        /// <summary>
        /// Reads one record into <paramref name="fields"/> (reused); null at the end of the file. Runs of ordinary
        /// characters are copied as spans found with a vectorised search, not one character at a time.
        /// </summary>
        private List<string>? ReadRecord(List<string> fields)
        {
            fields.Clear();
            if (_position >= _length && !Fill())
            {
                return null;
            }

            var field = _field.Clear();
            bool quoted = false, wasQuoted = false;
            while (true)
            {
                if (_position >= _length && !Fill())
                {
                    fields.Add(field.ToString()); // last line without a line break, or an unterminated quote
                    return fields;
                }

                var rest = _buffer.AsSpan(_position, _length - _position);
                if (quoted)
                {
                    var quote = rest.IndexOf('"');
                    if (quote < 0)
                    {
                        field.Append(rest);
                        _position = _length;
                        continue;
                    }

                    field.Append(rest[..quote]);
                    _position += quote + 1;
                    if (_position >= _length && !Fill())
                    {
                        quoted = false;
                        continue;
                    }

                    if (_buffer[_position] == '"')
                    {
                        field.Append('"'); // "" inside quotes is one quote
                        _position++;
                    }
                    else
                    {
                        quoted = false;
                    }

                    continue;
                }

                var next = rest.IndexOfAny(_specials);
                if (next < 0)
                {
                    field.Append(rest);
                    _position = _length;
                    continue;
                }

                var c = rest[next];
                if (c == '"')
                {
                    if (next == 0 && field.Length == 0 && !wasQuoted)
                    {
                        quoted = wasQuoted = true;
                    }
                    else
                    {
                        field.Append(rest[..(next + 1)]); // a stray quote inside an unquoted field is kept as is
                    }

                    _position += next + 1;
                    continue;
                }

                field.Append(rest[..next]);
                _position += next + 1;
                if (c == _separator)
                {
                    fields.Add(field.ToString());
                    field.Clear();
                    wasQuoted = false;
                    continue;
                }

                if (c == '\r' && (_position < _length || Fill()) && _buffer[_position] == '\n')
                {
                    _position++;
                }

                fields.Add(field.ToString());
                return fields;
            }
        }
    }
}
