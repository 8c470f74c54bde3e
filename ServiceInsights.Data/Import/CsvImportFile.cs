using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace ServiceInsights.Data.Import;

/// <summary>
/// A CSV file read as a stream: UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030/GBK — what Excel on a
/// Chinese Windows saves — detected by checking whether the bytes are valid UTF-8. Comma, semicolon or tab separated
/// (decided from the header line); RFC 4180 quoting, with line breaks inside quoted fields. Nothing is lost silently
/// (issue 20, D4/D8): bytes invalid in the detected encoding, a file mixing UTF-8 and GBK lines, a quoted field that
/// never closes, grows past the longest allowed value or swallows lines, and a file over the row or cell limits are
/// refused, naming the line; a cell is never kept longer than <see cref="ImportLimits.LongTextLength"/> + 1 characters.
/// </summary>
public sealed class CsvImportFile : IImportFile
{
    private readonly FileStream _stream;
    private readonly string _fileName;
    private readonly ImportLimits _limits;

    static CsvImportFile() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public CsvImportFile(string path, string fileName, ImportLimits? limits = null)
    {
        _fileName = fileName;
        _limits = limits ?? ImportLimits.Default;
        _stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        try
        {
            Encoding = DetectEncoding(_stream, out var bomLength, fileName);
            _stream.Position = bomLength;
        }
        catch
        {
            _stream.Dispose();
            throw;
        }
    }

    public Encoding Encoding { get; }

    public long Length => _stream.Length;

    public long Position => _stream.Position;

    public IEnumerable<TableSource> Tables()
    {
        yield return new CsvTable(this);
    }

    public void Dispose() => _stream.Dispose();

    /// <summary>
    /// BOM first; otherwise UTF-8 when every byte sequence is valid UTF-8, else GB18030 (a superset of GBK). The encoding
    /// returned throws on invalid bytes instead of decoding them to U+FFFD. A file that is not valid UTF-8 is checked line
    /// by line: a line that is not valid GB18030, or a file with both UTF-8 lines of Chinese text and GBK lines, is refused.
    /// </summary>
    public static Encoding DetectEncoding(Stream stream, out int bomLength, string fileName = "")
    {
        Span<byte> bom = stackalloc byte[3];
        stream.Position = 0;
        var read = stream.ReadAtLeast(bom, 3, throwOnEndOfStream: false);
        stream.Position = 0;
        if (read >= 3 && bom[0] == 0xEF && bom[1] == 0xBB && bom[2] == 0xBF)
        {
            bomLength = 3;
            return StrictUtf8;
        }

        if (read >= 2 && bom[0] == 0xFF && bom[1] == 0xFE)
        {
            bomLength = 2;
            return new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true);
        }

        if (read >= 2 && bom[0] == 0xFE && bom[1] == 0xFF)
        {
            bomLength = 2;
            return new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true);
        }

        bomLength = 0;
        var valid = IsValidUtf8(stream);
        stream.Position = 0;
        if (valid)
        {
            return StrictUtf8;
        }

        var gb18030 = Encoding.GetEncoding("GB18030", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        CheckLines(stream, gb18030, fileName);
        stream.Position = 0;
        return gb18030;
    }

    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Refuses a file that is not valid UTF-8 when a line is not valid GB18030 either, or when some lines are UTF-8
    /// Chinese (two or more CJK characters, every byte valid UTF-8) and others are not: such a file was put together from
    /// two exports, and decoding it either way would turn one half into mojibake. A GBK line of Chinese text that is
    /// also valid UTF-8 with CJK sequences needs several improbable byte pairs in a row, so real GBK files pass.
    /// </summary>
    private static void CheckLines(Stream stream, Encoding gb18030, string fileName)
    {
        var decoder = gb18030.GetDecoder();
        var buffer = new byte[1 << 16];
        var chars = new char[gb18030.GetMaxCharCount(buffer.Length)];
        long line = 1, firstUtf8 = 0, firstGbk = 0, firstInvalid = 0;
        int pending = 0, cjk = 0;
        bool valid = true, nonAscii = false;

        void EndLine()
        {
            if (nonAscii)
            {
                if (valid && pending == 0 && cjk >= 2)
                {
                    firstUtf8 = firstUtf8 == 0 ? line : firstUtf8;
                }
                else if (!valid || pending != 0)
                {
                    firstGbk = firstGbk == 0 ? line : firstGbk;
                }
            }

            pending = cjk = 0;
            valid = true;
            nonAscii = false;
        }

        int read;
        stream.Position = 0;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            if (firstInvalid == 0)
            {
                try
                {
                    decoder.GetChars(buffer, 0, read, chars, 0, flush: false);
                }
                catch (DecoderFallbackException ex)
                {
                    firstInvalid = line + buffer.AsSpan(0, Math.Clamp(ex.Index, 0, read)).Count((byte)'\n');
                }
            }

            for (var i = 0; i < read; i++)
            {
                var b = buffer[i];
                if (pending > 0)
                {
                    if ((b & 0xC0) == 0x80)
                    {
                        pending--;
                        continue;
                    }

                    valid = false;
                    pending = 0;
                }

                if (b < 0x80)
                {
                    if (b == (byte)'\n')
                    {
                        EndLine();
                        line++;
                    }

                    continue;
                }

                nonAscii = true;
                switch (b)
                {
                    case >= 0xC2 and <= 0xDF: pending = 1; break;
                    case >= 0xE0 and <= 0xEF:
                        pending = 2;
                        cjk += b is >= 0xE3 and <= 0xE9 ? 1 : 0; // U+3000–U+9FFF: CJK punctuation, kana, ideographs
                        break;
                    case >= 0xF0 and <= 0xF4: pending = 3; break;
                    default: valid = false; break;
                }
            }
        }

        try
        {
            decoder.GetChars([], 0, 0, chars, 0, flush: true);
        }
        catch (DecoderFallbackException)
        {
            firstInvalid = firstInvalid == 0 ? line : firstInvalid;
        }

        EndLine();
        // Mixed first: UTF-8 bytes are often not valid GB18030 either, and "mixes encodings" is the cause to fix.
        if (firstUtf8 > 0 && firstGbk > 0)
        {
            throw new ImportFileException(
                $"{fileName}: the file mixes encodings — line {firstUtf8} is UTF-8, line {firstGbk} is GBK; save the whole file in one encoding (UTF-8) and import it again.",
                $"{fileName}：文件混用了两种编码——第 {firstUtf8} 行是 UTF-8，第 {firstGbk} 行是 GBK；请将整个文件另存为同一种编码（UTF-8）后重新导入。");
        }

        if (firstInvalid > 0)
        {
            throw InvalidBytes(fileName, firstInvalid, "GB18030/GBK");
        }
    }

    private static ImportFileException InvalidBytes(string fileName, long line, string encoding) => new(
        $"{fileName}: line {line} has bytes that are not valid {encoding} (the file's encoding); nothing was stored. Save the file as UTF-8 and import it again.",
        $"{fileName}：第 {line} 行含有不符合文件编码（{encoding}）的字节，未保存任何数据。请将文件另存为 UTF-8 后重新导入。");

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
        private readonly ImportLimits _limits;
        private int _length;
        private int _position;

        /// <summary>The line of the file (1-based, counting line breaks inside quoted fields) the reader is on.</summary>
        private long _line = 1;

        public CsvTable(CsvImportFile file) : base(file._fileName, null)
        {
            _limits = file._limits;
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
                if (rowNumber - 1 > _limits.RowsPerSheet)
                {
                    throw LimitException.Rows(FileName, _limits.RowsPerSheet);
                }

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

                yield return new SourceRow(rowNumber, cells, record.Count);
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
            try
            {
                _length = _reader.Read(_buffer, 0, _buffer.Length);
            }
            catch (DecoderFallbackException)
            {
                // The encoding was checked line by line when it was detected; this is the last guard (UTF-16 files).
                throw InvalidBytes(FileName, _line, _reader.CurrentEncoding.WebName);
            }

            _position = 0;
            return _length > 0;
        }

        /// <summary>
        /// Reads one record into <paramref name="fields"/> (reused); null at the end of the file. Runs of ordinary
        /// characters are copied as spans found with a vectorised search, not one character at a time. An unquoted value
        /// is kept to <see cref="ImportLimits.LongTextLength"/> + 1 characters (the row is then rejected as too long); a
        /// quoted one that grows past the limit, never closes, or closes after a line break and is followed by more
        /// text refuses the file: it has swallowed the lines after it (a stray quote).
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
            long quoteLine = 0;
            while (true)
            {
                if (_position >= _length && !Fill())
                {
                    if (quoted)
                    {
                        throw StrayQuote(quoteLine, "never closes", "一直没有闭合");
                    }

                    AddField(fields, field); // last line without a line break
                    return fields;
                }

                var rest = _buffer.AsSpan(_position, _length - _position);
                if (quoted)
                {
                    var quote = rest.IndexOf('"');
                    var run = quote < 0 ? rest : rest[..quote];
                    _line += run.Count('\n');
                    if (field.Length + run.Length > _limits.LongTextLength)
                    {
                        throw StrayQuote(quoteLine, $"runs past {_limits.LongTextLength} characters", $"超过了 {_limits.LongTextLength} 个字符");
                    }

                    field.Append(run);
                    if (quote < 0)
                    {
                        _position = _length;
                        continue;
                    }

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
                        if (_line > quoteLine && _buffer[_position] != _separator && _buffer[_position] is not ('\r' or '\n'))
                        {
                            throw StrayQuote(quoteLine, "spans several lines and is followed by more text", "跨越了多行，且闭合后还有其他内容");
                        }
                    }

                    continue;
                }

                var next = rest.IndexOfAny(_specials);
                if (next < 0)
                {
                    Append(field, rest);
                    _position = _length;
                    continue;
                }

                var c = rest[next];
                if (c == '"')
                {
                    if (next == 0 && field.Length == 0 && !wasQuoted)
                    {
                        quoted = wasQuoted = true;
                        quoteLine = _line;
                    }
                    else
                    {
                        Append(field, rest[..(next + 1)]); // a stray quote inside an unquoted field is kept as is
                    }

                    _position += next + 1;
                    continue;
                }

                Append(field, rest[..next]);
                _position += next + 1;
                if (c == _separator)
                {
                    AddField(fields, field);
                    field.Clear();
                    wasQuoted = false;
                    continue;
                }

                if (c == '\r' && (_position < _length || Fill()) && _buffer[_position] == '\n')
                {
                    _position++;
                }

                _line++;
                AddField(fields, field);
                return fields;
            }
        }

        /// <summary>Appends up to one character past the longest allowed value; the rest of an over-long value is skipped.</summary>
        private void Append(StringBuilder field, ReadOnlySpan<char> run)
        {
            var room = _limits.LongTextLength + 1 - field.Length;
            if (run.Length > room)
            {
                run = run[..Math.Max(0, room)];
            }

            field.Append(run);
        }

        private void AddField(List<string> fields, StringBuilder field)
        {
            if (fields.Count >= _limits.CellsPerRow)
            {
                throw LimitException.Cells(FileName, _line, _limits.CellsPerRow);
            }

            fields.Add(field.ToString());
        }

        private ImportFileException StrayQuote(long line, string what, string chinese) => new(
            $"{FileName}: the quoted value that opens on line {line} {what}: a stray \" has probably swallowed the rows after it; nothing was stored. Fix the quote and import again.",
            $"{FileName}：第 {line} 行开始的带引号的值{chinese}：可能是一个多余的 \" 吞掉了后面的行，未保存任何数据。请修正引号后重新导入。");
    }
}
