using System;
using System.Collections.Generic;
using System.Net;
using System.Threading;
using System.Threading.Tasks;

namespace Aidge.Declarative.Catalogue
{
    /// <summary>
    /// Resolves a host name to its addresses, for the checks a picture's address goes through before anything connects to it
    /// (<see cref="TryOnPictureOptions.ResolveHost"/>).
    /// </summary>
    public delegate ValueTask<IPAddress[]> TryOnHostResolver(string host, CancellationToken cancellationToken);

    /// <summary>
    /// How a catalogue run saves each finished look's pictures (<see cref="TryOnCatalogueOptions.Pictures"/>). The pictures' URLs
    /// come from the service's answer, so they are treated as hostile: https only (plain http only to the endpoint's own host when
    /// that is this machine, a fake server); no address on this machine, a private network, a link-local range or a cloud's metadata
    /// service unless <see cref="AllowPrivateAddresses"/>, each name resolved and the address checked before the connection is made
    /// to that address; at most <see cref="MaxRedirects"/> redirects, each checked again; nothing sent but the GET (no key, no
    /// signature, no cookie); at most <see cref="MaxPictureBytes"/> bytes, and only a JPEG, PNG or WebP picture, by its first bytes.
    /// </summary>
    /// <remarks>
    /// Saving needs .NET 8 or later (the address checks need <c>SocketsHttpHandler.ConnectCallback</c>): on another runtime,
    /// <see cref="TryOnCatalogueOptions.Validate"/> says so, and a run given pictures to save is refused before anything is read or sent.
    /// </remarks>
    public sealed class TryOnPictureOptions
    {
        /// <summary>Pictures saved to <paramref name="store"/>.</summary>
        public TryOnPictureOptions(ITryOnPictureStore store)
        {
            Store = store ?? throw new ArgumentNullException(nameof(store));
        }

        /// <summary>Pictures saved as files in the folder <paramref name="path"/> (<see cref="TryOnPictureFolder"/>).</summary>
        public static TryOnPictureOptions InFolder(string path) => new(new TryOnPictureFolder(path));

        /// <summary>Where the pictures are saved.</summary>
        public ITryOnPictureStore Store { get; }

        /// <summary>The largest picture saved, in bytes: one longer is refused as it is read, and nothing of it is kept. At least 1; 32 MiB by default.</summary>
        public long MaxPictureBytes { get; set; } = 32L * 1024 * 1024;

        /// <summary>How many pictures are downloaded at once, across the run's looks. At least 1; 4 by default.</summary>
        public int MaxDownloadsInFlight { get; set; } = 4;

        /// <summary>How many redirects a picture's URL may take, each checked as the URL was. 0 to 20; 3 by default.</summary>
        public int MaxRedirects { get; set; } = 3;

        /// <summary>
        /// How long one picture may take, from its first request to its last byte, tries and redirects included: a server that
        /// trickles is cut off here. 100 ms to 1 hour; 2 minutes by default.
        /// </summary>
        public TimeSpan PictureTimeout { get; set; } = TimeSpan.FromMinutes(2);

        /// <summary>
        /// How many times a request for a picture is tried again when it fails in a way that may pass (a 5xx, a 408 or 429, a lost
        /// connection), by the standard resilience handler of Microsoft.Extensions.Http.Resilience. A picture is a GET, so this is
        /// safe; the paid submit is never retried so. 0 to 10; 3 by default.
        /// </summary>
        public int MaxRetries { get; set; } = 3;

        /// <summary>The wait before the first retry; each later one waits longer, with jitter. 0 to 1 minute; 1 s by default.</summary>
        public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

        /// <summary>
        /// Whether pictures may come from addresses on this machine, a private network or a link-local range (the cloud metadata
        /// service included): for a picture store inside your own network. False by default; the endpoint's own host is always allowed.
        /// </summary>
        public bool AllowPrivateAddresses { get; set; }

        /// <summary>Resolves host names to addresses; null (the default) asks the system's DNS. Tests give their own.</summary>
        public TryOnHostResolver? ResolveHost { get; set; }

        private static string Describe(TimeSpan span) => span == System.Threading.Timeout.InfiniteTimeSpan ? "infinite (Timeout.InfiniteTimeSpan)" : span.ToString();

        internal TryOnPictureOptions Clone() => (TryOnPictureOptions)MemberwiseClone();

        internal void Validate(List<string> problems)
        {
            if (MaxPictureBytes < 1)
            {
                problems.Add("Pictures.MaxPictureBytes is " + MaxPictureBytes + "; it must be at least 1.");
            }

            if (MaxDownloadsInFlight < 1)
            {
                problems.Add("Pictures.MaxDownloadsInFlight is " + MaxDownloadsInFlight + "; it must be at least 1.");
            }

            if (MaxRedirects is < 0 or > 20)
            {
                problems.Add("Pictures.MaxRedirects is " + MaxRedirects + "; it must be 0 to 20.");
            }

            if (MaxRetries is < 0 or > 10)
            {
                problems.Add("Pictures.MaxRetries is " + MaxRetries + "; it must be 0 to 10.");
            }

            if (PictureTimeout < TimeSpan.FromMilliseconds(100) || PictureTimeout > TimeSpan.FromHours(1))
            {
                problems.Add("Pictures.PictureTimeout is " + Describe(PictureTimeout) + "; it must be 100 ms to 1 hour.");
            }

            if (RetryDelay < TimeSpan.Zero || RetryDelay > TimeSpan.FromMinutes(1))
            {
                problems.Add("Pictures.RetryDelay is " + Describe(RetryDelay) + "; it must be 0 to 1 minute.");
            }
        }
    }
}
