using System;
using System.Collections.Generic;

namespace Aidge.Declarative.Testing
{
    /// <summary>How the fake server behaves.</summary>
    public sealed class FakeAidgeServerOptions
    {
        /// <summary>The access key the fake server knows by default.</summary>
        public const string DefaultAccessKey = "fake-access-key";

        /// <summary>Its secret. A fake: it signs nothing real.</summary>
        public const string DefaultSecret = "fake-secret-not-for-production";

        /// <summary>The access keys it accepts, with their secrets.</summary>
        public IDictionary<string, string> Keys { get; } = new Dictionary<string, string>(StringComparer.Ordinal) { [DefaultAccessKey] = DefaultSecret };

        /// <summary>How far a call's timestamp may be from the server's clock before the gateway refuses it as stale.</summary>
        public TimeSpan TimestampTolerance { get; set; } = TimeSpan.FromMinutes(15);

        /// <summary>How long a task stays <c>submitted</c>.</summary>
        public TimeSpan SubmittedFor { get; set; } = TimeSpan.FromMilliseconds(100);

        /// <summary>How long a task then stays <c>running</c>.</summary>
        public TimeSpan RunningFor { get; set; } = TimeSpan.FromMilliseconds(200);

        /// <summary>How many submits one access key may make per <see cref="RateLimitWindow"/>; null for no limit.</summary>
        public int? SubmitsPerWindow { get; set; }

        /// <summary>The window of the submit budget (the vendor's test phase allows 3 submits per 60 s).</summary>
        public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromSeconds(60);

        /// <summary>Where the fake generated pictures live; their URLs are deterministic.</summary>
        public string ImageBaseUrl { get; set; } = "https://fake-aidge.invalid/results/";

        /// <summary>Whether every request is kept in <see cref="FakeAidgeServer.Requests"/>; off for long load runs.</summary>
        public bool RecordRequests { get; set; } = true;

        /// <summary>The server's clock.</summary>
        public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
    }
}
