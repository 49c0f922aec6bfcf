using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Unicode;
using Aidge.Declarative.Catalogue;
using CsvHelper;

namespace Aidge.Declarative.CatalogueSample;

/// <summary>
/// The catalogue's CSV in (RFC 4180, read by CsvHelper; columns found by the header's names <c>sku</c>, <c>top</c>, <c>bottom</c>,
/// <c>pictures</c>, in any order; lines starting with <c>#</c> are comments), streamed; the looks' pictures out.
/// </summary>
internal static class CatalogueCsv
{
    /// <summary>The columns a catalogue has, each once, in any order.</summary>
    public static readonly string[] Columns = { "sku", "top", "bottom", "pictures" };

    /// <summary>The results file's header.</summary>
    public static readonly string[] ResultColumns = { "sku", "line", "state", "task_id", "picture_url", "garment_url", "from", "error", "saved_file", "not_saved_because" };

    /// <summary>
    /// The whole file, checked before anything is paid for: valid UTF-8, a header with exactly the catalogue's columns, and no quote
    /// left open (which would swallow every line after it into one cell). Returns how many rows it holds.
    /// </summary>
    /// <exception cref="FormatException">The file cannot be read as a catalogue; the message names the file and the line.</exception>
    public static async Task<int> CheckAsync(string path, CancellationToken cancellationToken)
    {
        await CheckUtf8Async(path, cancellationToken);
        long unclosedAt = 0;
        int malformed = 0;
        CsvReaderOptions options = ReaderOptions(record =>
        {
            if (record.Reason == CsvMalformedReason.UnterminatedQuote && unclosedAt == 0)
            {
                unclosedAt = record.LineNumber;
            }

            malformed++;   // each is a row the run reports failed
        });
        await using CsvReader reader = CsvReader.FromFile(path, options);
        await ReadHeaderAsync(reader, path, cancellationToken);
        int rows = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            if (!IsBlank(reader.Current))
            {
                rows++;
            }
        }

        rows += malformed;
        if (unclosedAt != 0)
        {
            throw new FormatException($"{path}, line {unclosedAt}: a quoted cell is never closed, so every line after it would be read as one cell. Close its quote (\"), or double a quote inside it (\"\").");
        }

        return rows;
    }

    /// <summary>The rows of <paramref name="path"/>, one at a time (the file is never held in memory): a look, or a row that cannot be one, with its line.</summary>
    public static async IAsyncEnumerable<CatalogueRow> ReadAsync(string path, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var malformed = new Queue<CsvMalformedRecord>();
        CsvReaderOptions options = ReaderOptions(malformed.Enqueue);
        await using CsvReader reader = CsvReader.FromFile(path, options);
        int[] column = await ReadHeaderAsync(reader, path, cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            // Rows the reader skipped for their quoting come out in their place, each with its line.
            while (malformed.TryDequeue(out CsvMalformedRecord skipped))
            {
                yield return CatalogueRow.Bad(skipped.LineNumber, SkuOf(skipped.RawRecord, column[0]), Describe(skipped.Reason) + " (" + skipped.RawRecord + ")");
            }

            CsvRow row = reader.Current;
            if (!IsBlank(row))
            {
                yield return Parse(row, reader.LineNumber, column);
            }
        }

        while (malformed.TryDequeue(out CsvMalformedRecord skipped))
        {
            yield return CatalogueRow.Bad(skipped.LineNumber, SkuOf(skipped.RawRecord, column[0]), Describe(skipped.Reason));
        }
    }

    /// <summary>Writes one row per picture (a look with none gets one row, with its state and reason); a saved one by its full path.</summary>
    public static void WriteRow(CsvWriter writer, TryOnCatalogueItem<ProductLook> item, TryOnPictureFolder? pictures)
    {
        string from = item.FromLedger ? "ledger" : "this run";
        string line = item.Request.Line.ToString(CultureInfo.InvariantCulture);
        string state = item.State.ToString();
        if (item.Pictures.Count == 0)
        {
            writer.WriteRecord(new[] { item.Key, line, state, item.TaskId ?? string.Empty, string.Empty, string.Empty, from, OneLine(item.Error?.ToString()), string.Empty, string.Empty });
            return;
        }

        for (int i = 0; i < item.Pictures.Count; i++)
        {
            TryOnPicture picture = item.Pictures[i];
            TryOnSavedPicture? saved = item.SavedPictures.Count == 0 ? null : item.SavedPictures[i];
            writer.WriteRecord(new[] { item.Key, line, state, item.TaskId ?? string.Empty, picture.Url, picture.GarmentUrl ?? string.Empty, from, string.Empty, saved is { IsSaved: true } && pictures is not null ? pictures.GetFullPath(saved.Location!) : string.Empty, OneLine(saved?.Problem) });
        }
    }

    /// <summary>Writes a row the catalogue could not make a look of.</summary>
    public static void WriteRow(CsvWriter writer, CatalogueRow bad) =>
        writer.WriteRecord(new[] { bad.Sku ?? string.Empty, bad.Line.ToString(CultureInfo.InvariantCulture), nameof(TryOnLookState.Failed), string.Empty, string.Empty, string.Empty, "this run", OneLine(bad.Problem), string.Empty, string.Empty });

    private static CsvReaderOptions ReaderOptions(Action<CsvMalformedRecord> onMalformed) => new()
    {
        Separator = ',',
        HasHeader = true,
        CommentPrefix = '#',
        SkipEmptyLines = true,
        TrimWhitespace = true,
        TrackLineNumbers = true,
        MalformedData = CsvMalformedDataHandling.Skip,
        FieldCountMismatch = CsvFieldCountHandling.Allow,
        MaxRecordSize = 1024 * 1024,
        OnMalformedRecord = onMalformed,
    };

    // Each column by its name, so that their order does not matter; an unknown, missing or repeated one is an error before anything is paid.
    private static async Task<int[]> ReadHeaderAsync(CsvReader reader, string path, CancellationToken cancellationToken)
    {
        await reader.ReadHeaderAsync(cancellationToken);
        IReadOnlyList<string> header = reader.Headers;
        int[] column = new int[Columns.Length];
        Array.Fill(column, -1);
        var problems = new List<string>();
        for (int i = 0; i < header.Count; i++)
        {
            string name = header[i].Trim();
            int known = Array.FindIndex(Columns, c => string.Equals(c, name, StringComparison.OrdinalIgnoreCase));
            if (known < 0)
            {
                problems.Add($"'{name}' is no column of a catalogue");
            }
            else if (column[known] >= 0)
            {
                problems.Add($"'{name}' is there twice");
            }
            else
            {
                column[known] = i;
            }
        }

        for (int c = 0; c < Columns.Length; c++)
        {
            if (column[c] < 0)
            {
                problems.Add($"'{Columns[c]}' is missing");
            }
        }

        if (problems.Count != 0)
        {
            throw new FormatException($"{path}: the header ({string.Join(",", header)}) must name the columns {string.Join(", ", Columns)}, each once, in any order: {string.Join("; ", problems)}. Nothing was sent.");
        }

        return column;
    }

    private static CatalogueRow Parse(CsvRow row, long line, int[] column)
    {
        for (int i = 0; i < row.FieldCount; i++)
        {
            if (!Utf8.IsValid(row.GetSpan(i)))
            {
                return CatalogueRow.Bad(line, null, "the row is not UTF-8");
            }
        }

        string? sku = Cell(row, column[0]);
        if (row.FieldCount != Columns.Length)
        {
            return CatalogueRow.Bad(line, sku, $"the row has {row.FieldCount} cells, but the header has {Columns.Length} (a comma inside a cell needs quotes)");
        }

        if (sku is null)
        {
            return CatalogueRow.Bad(line, null, "the row has no sku");
        }

        int? pictures = null;
        if (Cell(row, column[3]) is { } count)
        {
            if (!int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out int value))
            {
                return CatalogueRow.Bad(line, sku, $"pictures is '{count}', not a whole number");
            }

            pictures = value;   // out of 1-8, the run reports the look failed with the reason, and goes on
        }

        var look = new ProductLook(Cell(row, column[1]), Cell(row, column[2]), pictures) { Line = line };
        return CatalogueRow.Of(new TryOnCatalogueLook<ProductLook>(sku, look));
    }

    private static string? Cell(CsvRow row, int index) => index < row.FieldCount && row.GetString(index) is { Length: > 0 } text ? text : null;

    private static bool IsBlank(CsvRow row)
    {
        for (int i = 0; i < row.FieldCount; i++)
        {
            if (!row.GetSpan(i).IsEmpty)
            {
                return false;
            }
        }

        return true;
    }

    // The sku of a row that could not be parsed, from the header's sku column, when it and every cell before it are plain (no
    // quote that could hide a comma): only to name the row. Else none, rather than another column's value under the sku's name.
    private static string? SkuOf(string raw, int skuColumn)
    {
        string[] cells = raw.Split(',');
        if (skuColumn >= cells.Length)
        {
            return null;
        }

        for (int i = 0; i <= skuColumn; i++)
        {
            if (cells[i].Contains('"', StringComparison.Ordinal))
            {
                return null;
            }
        }

        string sku = cells[skuColumn].Trim();
        return sku.Length is > 0 and <= 64 ? sku : null;
    }

    private static string Describe(CsvMalformedReason reason) => reason switch
    {
        CsvMalformedReason.StrayQuote => "a quote inside a cell that is not quoted (quote the whole cell, and double the quote)",
        CsvMalformedReason.TextAfterClosingQuote => "text after a cell's closing quote",
        CsvMalformedReason.UnterminatedQuote => "a quoted cell that is never closed",
        _ => "the row is not well-formed CSV (" + reason + ")",
    };

    private static string OneLine(string? text) => text is null ? string.Empty : text.ReplaceLineEndings(" ");

    // Invalid UTF-8 would reach the service as U+FFFD inside a URL, and be paid for: the file is refused, naming the line.
    private static async Task CheckUtf8Async(string path, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        byte[] buffer = new byte[1 << 16];
        char[] chars = new char[1 << 16];
        int carried = 0;
        long line = 1;
        while (true)
        {
            int read = await file.ReadAsync(buffer.AsMemory(carried), cancellationToken);
            int length = carried + read;
            bool final = read == 0;
            var status = Utf8.ToUtf16(buffer.AsSpan(0, length), chars, out int consumed, out _, replaceInvalidSequences: false, isFinalBlock: final);
            line += buffer.AsSpan(0, consumed).Count((byte)'\n');
            if (status == System.Buffers.OperationStatus.InvalidData)
            {
                throw new FormatException($"{path}, line {line}: the file is not UTF-8 (the byte 0x{buffer[consumed]:X2} starts no UTF-8 character). Save it as UTF-8; nothing was sent.");
            }

            carried = length - consumed;
            buffer.AsSpan(consumed, carried).CopyTo(buffer);
            if (final)
            {
                return;
            }
        }
    }
}

/// <summary>A row of the catalogue: a look, or why it cannot be one.</summary>
internal sealed class CatalogueRow
{
    private CatalogueRow(TryOnCatalogueLook<ProductLook>? look, long line, string? sku, string? problem)
    {
        Look = look;
        Line = line;
        Sku = sku;
        Problem = problem;
    }

    public TryOnCatalogueLook<ProductLook>? Look { get; }

    public long Line { get; }

    public string? Sku { get; }

    public string? Problem { get; }

    public static CatalogueRow Of(TryOnCatalogueLook<ProductLook> look) => new(look, look.Request.Line, look.Key, null);

    public static CatalogueRow Bad(long line, string? sku, string problem) => new(null, line, sku, "line " + line + ": " + problem + ". Nothing was sent.");
}
