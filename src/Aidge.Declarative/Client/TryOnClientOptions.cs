using System;
using System.Collections.Generic;

namespace Aidge.Declarative
{
    /// <summary>Which site an access key was bought on: it picks the host.</summary>
    public enum AidgeRegion
    {
        /// <summary>The global site: <c>https://api.aidc-ai.com</c>.</summary>
        Global = 0,

        /// <summary>The Chinese site: <c>https://cn-api.aidc-ai.com</c>.</summary>
        China = 1,
    }

    /// <summary>Settings of a <see cref="TryOnClient"/>. Bound from the configuration section <c>Aidge</c> by <c>AddAidgeTryOnClient</c>.</summary>
    public sealed class TryOnClientOptions
    {
        /// <summary>The configuration section <c>AddAidgeTryOnClient</c> binds.</summary>
        public const string SectionName = "Aidge";

        /// <summary>The default of <see cref="MaxResponseBytes"/>: 4 MiB.</summary>
        public const int DefaultMaxResponseBytes = 4 * 1024 * 1024;

        /// <summary>The host for keys bought on the global site.</summary>
        public static readonly Uri GlobalEndpoint = new("https://api.aidc-ai.com");

        /// <summary>The host for keys bought on the Chinese site.</summary>
        public static readonly Uri ChinaEndpoint = new("https://cn-api.aidc-ai.com");

        private Uri? _endpoint;

        /// <summary>
        /// Scheme, host and port of the API, without a path; the client appends <c>/rest</c> and the API
        /// name. Defaults to the <see cref="Region"/>'s host; set it to reach another server (a fake one in tests).
        /// </summary>
        public Uri Endpoint
        {
            get => _endpoint ?? (Region == AidgeRegion.China ? ChinaEndpoint : GlobalEndpoint);
            set => _endpoint = value;
        }

        /// <summary>
        /// The name of the service this client calls, as records that must never be mixed between services keep it (a catalogue's
        /// ledger: a task id belongs to the service and account that made it). Null by default, which names the service by
        /// <see cref="Endpoint"/>'s scheme, host and port (<c>https://api.aidc-ai.com</c>). A server that stands in for the service
        /// on a port that changes between runs gives a name of its own (the fake server's <c>CreateClientOptions</c> does); so may a
        /// proxy in front of the service, named as the service it fronts. 1 to 128 printable ASCII characters, no space.
        /// </summary>
        public string? ServiceName { get; set; }

        /// <summary>
        /// The key's submit budget, shared with every other process that submits under the key (a storefront's instances, catalogue
        /// workers): each submit takes a permit from it before it is sent and gives it back with its answer, and a 501 is retried only
        /// under a new permit. Null by default: submits are not paced, and a 501 is retried after a backoff. A budget registered with
        /// dependency injection is used when none is set here.
        /// </summary>
        public ITryOnSubmitBudget? SubmitBudget { get; set; }

        /// <summary>The site the access key was bought on. Ignored once <see cref="Endpoint"/> is set.</summary>
        public AidgeRegion Region { get; set; } = AidgeRegion.Global;

        /// <summary>Sends <c>x-iop-trial: true</c>, so that calls use the account's free trial quota.</summary>
        public bool UseTrialResource { get; set; }

        /// <summary>How long one HTTP call may take, its whole answer read; at most 30 minutes. It governs on every path, the <c>IHttpClientFactory</c> one included.</summary>
        public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(100);

        /// <summary>How many times a call is retried where the rules allow it (501 rate limits, failures to connect, transient query failures).</summary>
        public int MaxRetries { get; set; } = 3;

        /// <summary>The first retry's delay; each next one doubles, with jitter, up to <see cref="MaxRetryDelay"/>.</summary>
        public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

        /// <summary>
        /// The longest wait before a retry, at most 10 minutes: it caps the doubling delays and a server's <c>Retry-After</c>,
        /// so that neither a long run of failures nor a hostile answer can park a call for a day.
        /// </summary>
        public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>
        /// The largest answer the client reads, 64 KiB to 256 MiB; a longer one is <see cref="AidgeErrorKind.InvalidResponse"/>
        /// and is not read further. The default, 4 MiB, holds a query answer for 100 sub-tasks of 16 pictures each, every
        /// picture and garment URL at the 2,048-character cap; a real answer for one look is about 2 KB.
        /// </summary>
        public int MaxResponseBytes { get; set; } = DefaultMaxResponseBytes;

        /// <summary>The wait before the first status query, and the base of the polling backoff.</summary>
        public TimeSpan PollingInterval { get; set; } = TimeSpan.FromSeconds(3);

        /// <summary>The longest wait between two status queries.</summary>
        public TimeSpan MaxPollingInterval { get; set; } = TimeSpan.FromSeconds(20);

        /// <summary>
        /// How long <see cref="TryOnOperation.WaitForCompletionAsync(System.Threading.CancellationToken)"/> waits for a task in all,
        /// its queries included (a hard deadline); at most 24 hours.
        /// </summary>
        public TimeSpan PollingTimeout { get; set; } = TimeSpan.FromMinutes(10);

        /// <summary>The clock for signatures, delays and timeouts; a fake one in tests.</summary>
        public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

        /// <summary>
        /// The submit body's property. The contract's default is <c>requestParams</c>; one version of the
        /// vendor's pro page calls it <c>paramJson</c>.
        /// </summary>
        public string RequestParamsName { get; set; } = TryOnRules.Fields.RequestParams;

        /// <summary>The query body's property: <c>task_id</c> in the English pages, <c>taskId</c> in the Chinese one.</summary>
        public string QueryTaskIdName { get; set; } = TryOnRules.Fields.QueryTaskId;

        /// <summary>Every problem with these settings, in plain words; empty when they are usable.</summary>
        public IReadOnlyList<string> Validate()
        {
            var problems = new List<string>();
            if (_endpoint is null && Region is not (AidgeRegion.Global or AidgeRegion.China))
            {
                // Read as Global, it would send the key to a site it may not be valid on: refused rather than guessed.
                problems.Add("Region must be Global or China, but it is " + (int)Region + ".");
            }

            Uri endpoint = Endpoint;
            if (!endpoint.IsAbsoluteUri || (endpoint.Scheme != "https" && endpoint.Scheme != "http"))
            {
                problems.Add("Endpoint must be an absolute http or https URI, such as https://api.aidc-ai.com.");
            }
            else if (endpoint.AbsolutePath != "/" || endpoint.Query.Length != 0 || endpoint.Fragment.Length != 0)
            {
                problems.Add("Endpoint holds the scheme, host and port only (the client appends /rest and the API name); remove '" + endpoint.PathAndQuery + "'.");
            }
            else if (endpoint.Scheme == "http" && !endpoint.IsLoopback)
            {
                // The sign is valid until its timestamp expires: over plain HTTP anyone on the way could replay the call.
                problems.Add("Endpoint must be https unless its host is loopback (127.0.0.1, ::1, localhost): a signed call sent in clear can be replayed; '" +
                    endpoint.Host + "' is not loopback.");
            }

            if (ServiceName is not null && !Client.Wire.ServerText.IsSafeId(ServiceName))
            {
                problems.Add("ServiceName must be 1 to " + Client.Wire.ServerText.MaxIdLength + " printable ASCII characters with no space when set.");
            }

            Within(problems, nameof(RequestTimeout), RequestTimeout, TimeSpan.FromMinutes(30));
            Within(problems, nameof(PollingInterval), PollingInterval, TimeSpan.FromMinutes(10));
            Within(problems, nameof(MaxPollingInterval), MaxPollingInterval, TimeSpan.FromMinutes(10));
            Within(problems, nameof(PollingTimeout), PollingTimeout, TimeSpan.FromHours(24));
            Within(problems, nameof(MaxRetryDelay), MaxRetryDelay, TimeSpan.FromMinutes(10));
            if (RetryDelay < TimeSpan.Zero || RetryDelay > MaxRetryDelay)
            {
                problems.Add("RetryDelay must be 0 to MaxRetryDelay (" + MaxRetryDelay + "), but it is " + RetryDelay + ".");
            }

            if (MaxPollingInterval < PollingInterval)
            {
                problems.Add("MaxPollingInterval must be at least PollingInterval.");
            }

            if (MaxResponseBytes < 64 * 1024 || MaxResponseBytes > 256 * 1024 * 1024)
            {
                problems.Add("MaxResponseBytes must be 65536 (64 KiB) to 268435456 (256 MiB), but it is " + MaxResponseBytes + ".");
            }

            if (MaxRetries < 0 || MaxRetries > 10)
            {
                problems.Add("MaxRetries must be 0 to 10, but it is " + MaxRetries + ".");
            }

            if (TimeProvider is null)
            {
                problems.Add("TimeProvider must be set.");
            }

            if (string.IsNullOrWhiteSpace(RequestParamsName) || string.IsNullOrWhiteSpace(QueryTaskIdName))
            {
                problems.Add("RequestParamsName and QueryTaskIdName must not be empty.");
            }

            return problems;
        }

        /// <summary>
        /// The name a client of these settings goes by (<see cref="TryOnClient.ServiceName"/>): <see cref="ServiceName"/> when set, else the
        /// endpoint's scheme, host and port in lower case. What a ledger or a shared submit budget is kept under.
        /// </summary>
        public string GetServiceName() => ServiceName ?? Endpoint.GetLeftPart(UriPartial.Authority).ToLowerInvariant();

        internal TryOnClientOptions Clone() => (TryOnClientOptions)MemberwiseClone();

        private static void Within(List<string> problems, string name, TimeSpan value, TimeSpan most)
        {
            if (value <= TimeSpan.Zero)
            {
                problems.Add(name + " must be positive.");
            }
            else if (value > most)
            {
                problems.Add(name + " must be at most " + most + ", but it is " + value + ".");
            }
        }
    }
}
