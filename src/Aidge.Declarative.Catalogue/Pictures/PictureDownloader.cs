#if NET8_0_OR_GREATER
using System;
using System.Buffers;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;

namespace Aidge.Declarative.Catalogue
{
    /// <summary>
    /// Fetches pictures from URLs a server's answer gave, as a hostile party's: each URL and redirect checked, each name resolved and
    /// its address checked before the connection is made to that address, the bytes checked as a picture, under a size cap and a
    /// deadline, and written whole or not at all. GETs only, retried by the standard resilience handler.
    /// </summary>
    internal sealed class PictureDownloader : IDisposable
    {
        private const string ClientName = "Aidge.Declarative.Catalogue.Pictures";

        private readonly TryOnPictureOptions _options;
        private readonly TimeProvider _time;
        private readonly string _endpointHost;
        private readonly bool _endpointIsLocal;
        private readonly TryOnHostResolver _resolve;
        private readonly ServiceProvider _services;
        private readonly HttpClient _http;
        private readonly SemaphoreSlim _downloads;

        public PictureDownloader(TryOnPictureOptions options, Uri endpoint, TimeProvider time)
        {
            _options = options;
            _time = time;
            _endpointHost = endpoint.IdnHost;
            _endpointIsLocal = endpoint.IsLoopback;
            _resolve = options.ResolveHost ?? ((host, cancellationToken) => new ValueTask<IPAddress[]>(Dns.GetHostAddressesAsync(host, cancellationToken)));
            _downloads = new SemaphoreSlim(options.MaxDownloadsInFlight, options.MaxDownloadsInFlight);

            // The standard resilience handler comes through the HttpClient factory: a private container, so that nothing of the
            // application's (its handlers, its proxy, its logging of URLs) is on this client's path.
            var services = new ServiceCollection();
            services.AddSingleton(time);
            services.AddHttpClient(ClientName)
                .ConfigurePrimaryHttpMessageHandler(CreateHandler)
                .AddStandardResilienceHandler(resilience =>
                {
                    TimeSpan attempt = TimeSpan.FromTicks(Math.Max(TimeSpan.FromMilliseconds(50).Ticks, options.PictureTimeout.Ticks / (options.MaxRetries + 1)));
                    resilience.AttemptTimeout.Timeout = attempt;
                    resilience.TotalRequestTimeout.Timeout = options.PictureTimeout + TimeSpan.FromSeconds(1);
                    resilience.CircuitBreaker.SamplingDuration = TimeSpan.FromTicks(Math.Max(TimeSpan.FromSeconds(30).Ticks, attempt.Ticks * 2));
                    resilience.Retry.MaxRetryAttempts = Math.Max(1, options.MaxRetries);
                    resilience.Retry.Delay = options.RetryDelay;
                    resilience.Retry.ShouldHandle = arguments => new ValueTask<bool>(
                        options.MaxRetries > 0 &&
                        !(arguments.Outcome.Exception is { } exception && Refused(exception) is not null) &&
                        HttpClientResiliencePredicates.IsTransient(arguments.Outcome));
                });
            services.ConfigureHttpClientDefaults(defaults => defaults.RemoveAllLoggers());
            _services = services.BuildServiceProvider();
            _http = _services.GetRequiredService<IHttpClientFactory>().CreateClient(ClientName);
            _http.Timeout = System.Threading.Timeout.InfiniteTimeSpan;
            _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("Aidge.Declarative.Catalogue", typeof(PictureDownloader).Assembly.GetName().Version?.ToString(3)));
        }

        public void Dispose()
        {
            _http.Dispose();
            _services.Dispose();
            _downloads.Dispose();
        }

        /// <summary>Saves the picture at <paramref name="url"/> as <paramref name="name"/> (an extension is added by its format); never throws but for cancellation.</summary>
        public async Task<TryOnSavedPicture> SaveAsync(string url, string name, CancellationToken cancellationToken)
        {
            await _downloads.WaitAsync(cancellationToken).ConfigureAwait(false);
            using var deadline = new CancellationTokenSource(_options.PictureTimeout, _time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
            try
            {
                return await FetchAsync(url, name, linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return NotSaved("it did not arrive within " + Describe(_options.PictureTimeout) + " (TryOnPictureOptions.PictureTimeout)");
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested && exception is HttpRequestException or IOException or UnauthorizedAccessException or Polly.CircuitBreaker.BrokenCircuitException or Polly.Timeout.TimeoutRejectedException)
            {
                return NotSaved(Refused(exception) ?? "it could not be fetched or written: " + Explain(exception));
            }
            finally
            {
                _downloads.Release();
            }
        }

        private async Task<TryOnSavedPicture> FetchAsync(string url, string name, CancellationToken cancellationToken)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out Uri? current))
            {
                return NotSaved("its URL is not an absolute URL");
            }

            for (int redirects = 0; ; redirects++)
            {
                if (UrlRefusal(current) is { } refusal)
                {
                    return NotSaved(refusal + (redirects == 0 ? string.Empty : " (after " + redirects + " redirect" + (redirects == 1 ? ")" : "s)")));
                }

                using var request = new HttpRequestMessage(HttpMethod.Get, current);
                request.Headers.Accept.ParseAdd("image/jpeg, image/png, image/webp");
                using HttpResponseMessage response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
                int status = (int)response.StatusCode;
                if (status is 301 or 302 or 303 or 307 or 308)
                {
                    if (response.Headers.Location is not { } location)
                    {
                        return NotSaved("its server answered " + status + " with no Location");
                    }

                    if (redirects == _options.MaxRedirects)
                    {
                        return NotSaved("it was redirected more than " + _options.MaxRedirects + " times (TryOnPictureOptions.MaxRedirects)");
                    }

                    current = location.IsAbsoluteUri ? location : new Uri(current, location);
                    continue;
                }

                if (!response.IsSuccessStatusCode)
                {
                    return NotSaved("its server answered " + status + " " + response.ReasonPhrase);
                }

                if (response.Content.Headers.ContentLength is { } declared && declared > _options.MaxPictureBytes)
                {
                    return NotSaved("it is " + declared + " bytes, more than the " + _options.MaxPictureBytes + " allowed (TryOnPictureOptions.MaxPictureBytes)");
                }

                using Stream body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                return await WriteAsync(body, name, response.Content.Headers.ContentType?.MediaType, cancellationToken).ConfigureAwait(false);
            }
        }

        private async Task<TryOnSavedPicture> WriteAsync(Stream body, string name, string? claimedType, CancellationToken cancellationToken)
        {
            byte[] buffer = ArrayPool<byte>.Shared.Rent(81920);
            try
            {
                int head = 0;
                while (head < PictureFormats.SniffLength)
                {
                    int read = await body.ReadAsync(buffer.AsMemory(head, PictureFormats.SniffLength - head), cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        break;
                    }

                    head += read;
                }

                if (PictureFormats.Extension(buffer, head) is not { } extension)
                {
                    return NotSaved("it is no JPEG, PNG or WebP picture: its first bytes are " + (head == 0 ? "none" : Convert.ToHexString(buffer, 0, Math.Min(head, 8))) +
                        " (served as " + (claimedType ?? "no type") + ")");
                }

                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                ITryOnPictureWrite write = await _options.Store.CreateAsync(name + extension, cancellationToken).ConfigureAwait(false);
                await using (write.ConfigureAwait(false))
                {
                    long length = head;
                    hash.AppendData(buffer, 0, head);
                    await write.Content.WriteAsync(buffer.AsMemory(0, head), cancellationToken).ConfigureAwait(false);
                    while (true)
                    {
                        int read = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
                        if (read == 0)
                        {
                            break;
                        }

                        length += read;
                        if (length > _options.MaxPictureBytes)
                        {
                            return NotSaved("it is more than the " + _options.MaxPictureBytes + " bytes allowed (TryOnPictureOptions.MaxPictureBytes); nothing of it was kept");
                        }

                        hash.AppendData(buffer, 0, read);
                        await write.Content.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                    }

                    string location = await write.CommitAsync(cancellationToken).ConfigureAwait(false);
                    return TryOnSavedPicture.Saved(location, length, PictureHash.Hex(hash.GetHashAndReset()), _time.GetUtcNow());
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        // What a URL may be, before anything is sent: https, or plain http to the endpoint's own host when that is this machine; no user info.
        private string? UrlRefusal(Uri url)
        {
            if (url.Scheme != Uri.UriSchemeHttps && !(url.Scheme == Uri.UriSchemeHttp && _endpointIsLocal && IsEndpointHost(url.IdnHost)))
            {
                return "its URL is " + url.Scheme + "://" + url.IdnHost + "/..., and pictures are fetched over https only (plain http only from a fake server on this machine that is the endpoint)";
            }

            return url.UserInfo.Length != 0 ? "its URL holds a user name or password, which is never sent" : null;
        }

        private bool IsEndpointHost(string host) => string.Equals(host, _endpointHost, StringComparison.OrdinalIgnoreCase);

        // Every connection: the name resolved here, each address checked, and the connection made to an address that passed.
        private SocketsHttpHandler CreateHandler() => new()
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            Credentials = null,
            PreAuthenticate = false,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            ConnectTimeout = TimeSpan.FromSeconds(15),
            ConnectCallback = ConnectAsync,
        };

        private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
        {
            string host = context.DnsEndPoint.Host;
            bool literal = IPAddress.TryParse(host, out IPAddress? given);
            IPAddress[] addresses = literal ? new[] { given! } : await _resolve(host, cancellationToken).ConfigureAwait(false) ?? Array.Empty<IPAddress>();
            if (addresses.Length == 0)
            {
                throw new PictureRefusedException("'" + host + "' resolves to no address");
            }

            bool allowed = _options.AllowPrivateAddresses || IsEndpointHost(host);
            string? refusal = null;
            foreach (IPAddress address in addresses)
            {
                if (!allowed && PictureAddresses.Refusal(address) is { } why)
                {
                    refusal ??= "'" + host + "' " + (literal ? "is " : "resolves to " + address + ", ") + why +
                        ", which pictures are not fetched from unless TryOnPictureOptions.AllowPrivateAddresses is set; nothing connected to it";
                    continue;
                }

                var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken).ConfigureAwait(false);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            }

            throw new PictureRefusedException(refusal!);
        }

        private static string? Refused(Exception exception)
        {
            for (Exception? inner = exception; inner is not null; inner = inner.InnerException)
            {
                if (inner is PictureRefusedException refused)
                {
                    return refused.Message;
                }
            }

            return null;
        }

        // What went wrong, from the outer exception to the innermost one, with no sentence's full stop doubled and no "see inner
        // exception" (the TLS failure is in there): "The SSL connection could not be established: Authentication failed ...".
        internal static string Explain(Exception exception)
        {
            var said = new System.Collections.Generic.List<string>();
            for (Exception? inner = exception; inner is not null; inner = inner.InnerException)
            {
                string message = inner.Message.Replace(", see inner exception", string.Empty).Trim().TrimEnd('.');
                if (message.Length != 0 && !said.Contains(message))
                {
                    said.Add(message);
                }
            }

            return string.Join(": ", said);
        }

        private TryOnSavedPicture NotSaved(string problem) => TryOnSavedPicture.NotSaved(problem, _time.GetUtcNow());

        private static string Describe(TimeSpan span) => span.TotalSeconds >= 1 ? span.TotalSeconds.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + " s" : span.TotalMilliseconds + " ms";

        /// <summary>An address a picture is not fetched from: thrown from the connect step, before any connection.</summary>
        private sealed class PictureRefusedException : IOException
        {
            public PictureRefusedException(string message)
                : base(message)
            {
            }
        }
    }
}
#endif
