using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Aidge.Declarative.Catalogue;

namespace Aidge.Declarative.CatalogueSample;

/// <summary>The catalogue's CSV in (<c>sku,top,bottom,pictures</c>), streamed; the looks' pictures out.</summary>
internal static class CatalogueCsv
{
    /// <summary>The looks of <paramref name="path"/>, one row at a time: the file is never held in memory.</summary>
    public static async IAsyncEnumerable<TryOnCatalogueLook<ProductLook>> ReadAsync(string path, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var reader = new StreamReader(path, Encoding.UTF8);
        int line = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } text)
        {
            line++;
            if (text.Length == 0 || text.StartsWith('#') || text.StartsWith("sku,", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            string[] cells = text.Split(',');
            if (cells.Length != 4 || cells[0].Trim().Length == 0)
            {
                throw new FormatException($"{path}, line {line}: expected 'sku,top,bottom,pictures' (4 cells, a SKU first), found {cells.Length} cells.");
            }

            int? pictures = null;
            if (cells[3].Trim().Length != 0)
            {
                if (!int.TryParse(cells[3], NumberStyles.None, CultureInfo.InvariantCulture, out int count))
                {
                    throw new FormatException($"{path}, line {line}: pictures is '{cells[3]}', not a whole number.");
                }

                pictures = count;   // out of 1-8, the run reports the look failed with the reason, and goes on
            }

            yield return new TryOnCatalogueLook<ProductLook>(cells[0].Trim(), new ProductLook(Cell(cells[1]), Cell(cells[2]), pictures));
        }
    }

    /// <summary>How many looks <paramref name="path"/> holds: for the estimate of the time left.</summary>
    public static int Count(string path) =>
        File.ReadLines(path).Count(text => text.Length != 0 && !text.StartsWith('#') && !text.StartsWith("sku,", StringComparison.OrdinalIgnoreCase));

    /// <summary>Writes one row per picture (a look with none gets one row, with its state and reason).</summary>
    public static void WriteRow(TextWriter writer, TryOnCatalogueItem<ProductLook> item)
    {
        string from = item.FromLedger ? "ledger" : "this run";
        if (item.Pictures.Count == 0)
        {
            writer.WriteLine(string.Join(',', item.Key, item.State, item.TaskId, string.Empty, string.Empty, from, Quote(item.Error?.ToString())));
            return;
        }

        foreach (TryOnPicture picture in item.Pictures)
        {
            writer.WriteLine(string.Join(',', item.Key, item.State, item.TaskId, picture.Url, picture.GarmentUrl, from, string.Empty));
        }
    }

    public const string Header = "sku,state,task_id,picture_url,garment_url,from,error";

    private static string? Cell(string text) => text.Trim().Length == 0 ? null : text.Trim();

    private static string Quote(string? text) => text is null ? string.Empty : "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal).ReplaceLineEndings(" ") + "\"";
}
