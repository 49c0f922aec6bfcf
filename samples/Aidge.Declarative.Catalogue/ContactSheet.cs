using System.Globalization;
using System.Net;
using System.Text;
using Aidge.Declarative.Catalogue;

namespace Aidge.Declarative.CatalogueSample;

/// <summary>
/// The contact sheet: one HTML page, beside the results' CSV, that opens from disk with nothing else. The looks that need a person
/// (failed, in doubt, still running, a picture not saved) come first, with their reasons; then every finished look, its SKU,
/// garments and pictures (the saved files, else the service's URLs, which expire). Images load lazily, so a page of thousands
/// of looks opens at once; the grid narrows to two columns on a phone.
/// </summary>
/// <remarks>
/// Every text is HTML-encoded, and only http, https and the saved files' relative paths become links or images: the URLs come
/// from the service's answer and are treated as hostile. The looks are streamed to a temporary file as they end, so a run's memory
/// does not grow with its catalogue; the page replaces the last one whole, once the run is complete.
/// </remarks>
internal sealed class ContactSheet : IAsyncDisposable
{
    private const int MostLooksNamed = 2000;

    private readonly string _path;
    private readonly string _looksPath;
    private readonly string _folder;
    private readonly TryOnPictureFolder? _pictures;
    private readonly StreamWriter _looks;
    private readonly StringBuilder _attention = new();
    private int _finished;
    private int _needAttention;
    private int _unnamed;
    private int _pictureCount;
    private int _saved;

    private ContactSheet(string path, TryOnPictureFolder? pictures)
    {
        _pictures = pictures;
        _path = Path.GetFullPath(path);
        _folder = Path.GetDirectoryName(_path)!;
        _looksPath = _path + ".looks.tmp";
        _looks = new StreamWriter(new FileStream(_looksPath, FileMode.Create, FileAccess.Write, FileShare.None, 65536), new UTF8Encoding(false));
    }

    /// <summary>Starts a sheet to be written at <paramref name="path"/> once complete, showing the pictures saved in <paramref name="pictures"/>.</summary>
    public static ContactSheet Create(string path, TryOnPictureFolder? pictures) => new(path, pictures);

    /// <summary>Adds a look that ended.</summary>
    public void Add(TryOnCatalogueItem<ProductLook> item)
    {
        string sku = Encode(item.Key);
        if (item.State != TryOnLookState.Finished)
        {
            Attention(sku, item.Request.Line, item.State.ToString(), item.Error?.Message ?? "no reason recorded");
            return;
        }

        _finished++;
        var problems = new List<string>();
        _looks.Write("<article><h2>");
        _looks.Write(sku);
        _looks.Write("</h2><p class=\"garments\">");
        Garment("top", item.Request.Top);
        Garment("bottom", item.Request.Bottom);
        _looks.Write("</p><div class=\"pictures\">");
        for (int i = 0; i < item.Pictures.Count; i++)
        {
            _pictureCount++;
            TryOnSavedPicture? saved = item.SavedPictures.Count == 0 ? null : item.SavedPictures[i];
            string? source = saved is { IsSaved: true } && _pictures is not null ? RelativeLink(_pictures.GetFullPath(saved.Location!)) : WebLink(item.Pictures[i].Url);
            if (saved is { IsSaved: true } && _pictures is not null)
            {
                _saved++;
            }
            else if (saved?.Problem is { } problem)
            {
                problems.Add("picture " + (i + 1) + ": " + problem);
            }

            string alt = "Picture " + (i + 1) + " of " + sku;
            _looks.Write(source is null
                ? "<span class=\"missing\">" + alt + ": no address that can be shown</span>"
                : "<a href=\"" + source + "\"><img src=\"" + source + "\" alt=\"" + alt + "\" loading=\"lazy\" decoding=\"async\" width=\"160\" height=\"213\"></a>");
        }

        _looks.Write("</div>");
        if (problems.Count != 0)
        {
            _looks.Write("<p class=\"problem\">Not saved: " + Encode(string.Join("; ", problems)) + ". The next run fetches them again, while their URLs last.</p>");
            Attention(sku, item.Request.Line, "Finished, pictures not saved", string.Join("; ", problems));
        }

        _looks.WriteLine("</article>");
    }

    /// <summary>Adds a row the catalogue could not make a look of.</summary>
    public void Add(CatalogueRow bad) => Attention(Encode(bad.Sku ?? "?"), bad.Line, "Failed", bad.Problem ?? "it could not be read");

    /// <summary>Writes the whole page, replacing the last one.</summary>
    public async Task CompleteAsync(string title, CancellationToken cancellationToken)
    {
        await _looks.FlushAsync(cancellationToken);
        _looks.Close();
        string temporary = _path + ".tmp";
        await using (var page = new StreamWriter(new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 65536), new UTF8Encoding(false)))
        {
            await page.WriteAsync("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">" +
                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + Encode(title) + "</title><style>" + Style + "</style></head><body>\n");
            await page.WriteAsync("<header><h1>" + Encode(title) + "</h1><p>" + Count(_finished, "look", "looks") + " finished, " + _saved + " of their " + _pictureCount + " pictures saved; " +
                Count(_needAttention, "look needs", "looks need") + " you. Written " + DateTimeOffset.Now.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + ".</p>" +
                (_saved == _pictureCount ? string.Empty : _pictures is null
                    ? "<p class=\"note\">Pictures shown by their URL are the service's signed links: they expire. Run with --pictures DIR to keep them.</p>"
                    : "<p class=\"note\">" + Count(_pictureCount - _saved, "picture", "pictures") + " could not be saved and " + (_pictureCount - _saved == 1 ? "is" : "are") +
                      " shown by the service's URL, which expires: run again to fetch " + (_pictureCount - _saved == 1 ? "it" : "them") + ", free, while it lasts.</p>") +
                "</header>\n");
            await page.WriteAsync("<section id=\"attention\"><h2>Looks that need you (" + _needAttention + ")</h2>");
            if (_needAttention == 0)
            {
                await page.WriteAsync("<p>None: every look finished and every picture was saved.</p>");
            }
            else
            {
                await page.WriteAsync("<table><thead><tr><th>SKU</th><th>line</th><th>state</th><th>why</th></tr></thead><tbody>");
                await page.WriteAsync(_attention.ToString());
                await page.WriteAsync("</tbody></table>");
                if (_unnamed != 0)
                {
                    await page.WriteAsync("<p>And " + _unnamed + " more: the CSV lists them all.</p>");
                }
            }

            await page.WriteAsync("</section>\n<main id=\"looks\">\n");
            await using (var looks = new FileStream(_looksPath, FileMode.Open, FileAccess.Read))
            {
                await page.FlushAsync(cancellationToken);
                await looks.CopyToAsync(page.BaseStream, cancellationToken);
            }

            await page.WriteAsync("</main></body></html>\n");
            await page.FlushAsync(cancellationToken);
            ((FileStream)page.BaseStream).Flush(flushToDisk: true);
        }

        File.Move(temporary, _path, overwrite: true);
        File.Delete(_looksPath);
    }

    public async ValueTask DisposeAsync()
    {
        await _looks.DisposeAsync();
        File.Delete(_looksPath);
    }

    // A garment is named by its URL as a link, never loaded: it is the seller's own file, and may be anywhere.
    private void Garment(string what, string? url)
    {
        if (url is null)
        {
            return;
        }

        string? link = WebLink(url);
        _looks.Write("<span>" + what + ": " + (link is null ? Encode(url) : "<a href=\"" + link + "\">" + Encode(Shorten(url)) + "</a>") + "</span> ");
    }

    private void Attention(string sku, long line, string state, string why)
    {
        _needAttention++;
        if (_needAttention > MostLooksNamed)
        {
            _unnamed++;
            return;
        }

        _attention.Append("<tr><td>").Append(sku).Append("</td><td>").Append(line.ToString(CultureInfo.InvariantCulture)).Append("</td><td>")
            .Append(Encode(state)).Append("</td><td>").Append(Encode(why)).Append("</td></tr>");
    }

    // A saved file's path from the page's folder, each segment escaped: it opens from disk wherever the two are moved together.
    private string RelativeLink(string location)
    {
        string relative = Path.GetRelativePath(_folder, location);
        return string.Join('/', relative.Split(Path.DirectorySeparatorChar).Select(Uri.EscapeDataString));
    }

    // Only an absolute http or https URL becomes a link (never javascript:, data: or a file of this machine).
    private static string? WebLink(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) ? Encode(uri.AbsoluteUri) : null;

    private static string Count(int count, string one, string many) => count.ToString(CultureInfo.InvariantCulture) + " " + (count == 1 ? one : many);

    private static string Shorten(string url) => url.Length <= 60 ? url : url[..28] + "..." + url[^28..];

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private const string Style =
        "body{font:15px/1.4 system-ui,sans-serif;margin:0 auto;max-width:1200px;padding:12px;color:#222}" +
        "h1{font-size:1.4em;margin:.2em 0}h2{font-size:1.05em;margin:.2em 0}" +
        ".note{color:#8a4b00}table{border-collapse:collapse;width:100%;font-size:.9em}td,th{border-bottom:1px solid #ddd;padding:4px;text-align:left;vertical-align:top;overflow-wrap:anywhere}td:nth-child(2),td:nth-child(3),th{white-space:nowrap;overflow-wrap:normal}td:first-child{min-width:6em;max-width:14em}" +
        "#attention{background:#fff6ec;border:1px solid #f0c890;border-radius:6px;padding:8px;margin:12px 0}" +
        "#looks{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(340px,100%),1fr));gap:12px}" +
        "article{border:1px solid #ddd;border-radius:6px;padding:8px;min-width:0;content-visibility:auto;contain-intrinsic-size:auto 320px}article h2{overflow-wrap:anywhere}" +
        ".garments{font-size:.85em;color:#555;margin:.2em 0;overflow-wrap:anywhere}" +
        ".pictures{display:grid;grid-template-columns:repeat(auto-fill,minmax(72px,1fr));gap:4px}" +
        ".pictures img{width:100%;height:auto;aspect-ratio:3/4;object-fit:cover;background:#eee;border-radius:3px}" +
        ".problem{color:#a00;font-size:.85em}.missing{font-size:.8em;color:#a00}" +
        "@media (max-width:600px){#looks{grid-template-columns:minmax(0,1fr)}body{padding:6px}" +
        "#attention thead{display:none}#attention tr{display:block;border-bottom:1px solid #ddd;padding:4px 0}" +
        "#attention td{display:inline;border:0;padding:0 6px 0 0;max-width:none}#attention td:last-child{display:block;white-space:normal}}";
}
