using System.Text;
using ExcelDataReader;

namespace ServiceInsights.Data.Import;

/// <summary>
/// An .xlsx (or legacy .xls) workbook read with ExcelDataReader, which streams rows instead of loading the workbook.
/// Every sheet is a table; date cells arrive as <see cref="DateTime"/>, numbers as <see cref="double"/>. The package is
/// checked first (<see cref="XlsxPackage"/>): a part too large refuses the file, over-long texts are cut before the
/// reader sees them. Rows per sheet and cells per row are counted as the rows come.
/// </summary>
public sealed class ExcelImportFile : IImportFile
{
    private readonly FileStream _stream;
    private readonly IExcelDataReader _reader;
    private readonly string _fileName;
    private readonly ImportLimits _limits;
    private readonly string? _checkedCopy;

    static ExcelImportFile() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public ExcelImportFile(string path, string fileName, ImportLimits? limits = null)
    {
        _fileName = fileName;
        _limits = limits ?? ImportLimits.Default;
        _checkedCopy = XlsxPackage.Check(path, fileName, _limits);
        _stream = new FileStream(_checkedCopy ?? path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        try
        {
            _reader = ExcelReaderFactory.CreateReader(_stream);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _stream.Dispose();
            DeleteCheckedCopy();
            throw new ImportFileException($"{fileName}: not a readable Excel workbook ({ex.Message}).",
                $"{fileName}：不是可读取的 Excel 工作簿（{ex.Message}）。", ex);
        }
    }

    public long Length => _stream.Length;

    public long Position => _stream.Position;

    public IEnumerable<TableSource> Tables()
    {
        do
        {
            var sheet = new ExcelSheet(_fileName, _reader.Name ?? "", _reader, _limits);
            if (sheet.Headers.Count > 0)
            {
                yield return sheet;
                sheet.Drain();
            }
        }
        while (NextSheet());
    }

    private bool NextSheet()
    {
        try
        {
            return _reader.NextResult();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new ImportFileException($"{_fileName}: the workbook is damaged ({ex.Message}).", $"{_fileName}：工作簿已损坏（{ex.Message}）。", ex);
        }
    }

    public void Dispose()
    {
        _reader.Dispose();
        _stream.Dispose();
        DeleteCheckedCopy();
    }

    private void DeleteCheckedCopy()
    {
        if (_checkedCopy is not null)
        {
            File.Delete(_checkedCopy);
        }
    }

    private sealed class ExcelSheet : TableSource
    {
        private readonly IExcelDataReader _reader;
        private readonly List<string> _headers = [];
        private readonly ImportLimits _limits;
        private bool _consumed;

        public ExcelSheet(string fileName, string sheetName, IExcelDataReader reader, ImportLimits limits) : base(fileName, sheetName)
        {
            _reader = reader;
            _limits = limits;
            if (SafeRead())
            {
                CheckWidth(1);
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    _headers.Add(CellParser.Raw(reader.GetValue(i)).Trim());
                }

                while (_headers.Count > 0 && _headers[^1].Length == 0)
                {
                    _headers.RemoveAt(_headers.Count - 1);
                }
            }
        }

        public override IReadOnlyList<string> Headers => _headers;

        public override IEnumerable<SourceRow> Rows(CancellationToken cancellationToken)
        {
            _consumed = true;
            var rowNumber = 1;
            while (SafeRead())
            {
                rowNumber++;
                if (rowNumber - 1 > _limits.RowsPerSheet)
                {
                    throw LimitException.Rows(Describe(), _limits.RowsPerSheet);
                }

                CheckWidth(rowNumber);
                if ((rowNumber & 0x3FF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                var cells = new object?[Math.Max(_reader.FieldCount, _headers.Count)];
                var empty = true;
                for (var i = 0; i < _reader.FieldCount; i++)
                {
                    var value = _reader.GetValue(i);
                    cells[i] = value;
                    empty &= CellParser.IsEmpty(value);
                }

                if (!empty)
                {
                    yield return new SourceRow(rowNumber, cells);
                }
            }
        }

        private void CheckWidth(int rowNumber)
        {
            if (_reader.FieldCount > _limits.CellsPerRow)
            {
                throw LimitException.Cells(Describe(), rowNumber, _limits.CellsPerRow);
            }
        }

        /// <summary>A sheet nobody read (unknown kind) must still be skipped before the next one.</summary>
        public void Drain()
        {
            if (!_consumed)
            {
                while (SafeRead())
                {
                }
            }
        }

        private bool SafeRead()
        {
            try
            {
                return _reader.Read();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                throw new ImportFileException($"{FileName} › {SheetName}: the sheet cannot be read ({ex.Message}).",
                    $"{FileName} › {SheetName}：无法读取该工作表（{ex.Message}）。", ex);
            }
        }
    }
}
