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

        /// <summary>The site the access key was bought on. Ignored once <see cref="Endpoint"/> is set.</summary>
        public AidgeRegion Region { get; set; } = AidgeRegion.Global;

        /// <summary>Sends <c>x-iop-trial: true</c>, so that calls use the account's free trial quota.</summary>
        public bool UseTrialResource { get; set; }

        /// <summary>How long one HTTP call may take.</summary>
        public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(100);

        /// <summary>How many times a call is retried where the rules allow it (501 rate limits, failures to connect, transient query failures).</summary>
        public int MaxRetries { get; set; } = 3;

        /// <summary>The first retry's delay; each next one doubles, with jitter.</summary>
        public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

        /// <summary>The wait before the first status query, and the base of the polling backoff.</summary>
        public TimeSpan PollingInterval { get; set; } = TimeSpan.FromSeconds(3);

        /// <summary>The longest wait between two status queries.</summary>
        public TimeSpan MaxPollingInterval { get; set; } = TimeSpan.FromSeconds(20);

        /// <summary>How long <see cref="TryOnOperation.WaitForCompletionAsync(System.Threading.CancellationToken)"/> waits for a task in all.</summary>
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
            Uri endpoint = Endpoint;
            if (!endpoint.IsAbsoluteUri || (endpoint.Scheme != "https" && endpoint.Scheme != "http"))
            {
                problems.Add("Endpoint must be an absolute http or https URI, such as https://api.aidc-ai.com.");
            }
            else if (endpoint.AbsolutePath != "/" || endpoint.Query.Length != 0 || endpoint.Fragment.Length != 0)
            {
                problems.Add("Endpoint holds the scheme, host and port only (the client appends /rest and the API name); remove '" + endpoint.PathAndQuery + "'.");
            }

            Positive(problems, nameof(RequestTimeout), RequestTimeout);
            Positive(problems, nameof(PollingInterval), PollingInterval);
            Positive(problems, nameof(PollingTimeout), PollingTimeout);
            if (RetryDelay < TimeSpan.Zero)
            {
                problems.Add("RetryDelay must not be negative.");
            }

            if (MaxPollingInterval < PollingInterval)
            {
                problems.Add("MaxPollingInterval must be at least PollingInterval.");
            }

            if (MaxRetries < 0 || MaxRetries > 10)
            {
                problems.Add("MaxRetries must be 0 to 10.");
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

        internal TryOnClientOptions Clone() => (TryOnClientOptions)MemberwiseClone();

        private static void Positive(List<string> problems, string name, TimeSpan value)
        {
            if (value <= TimeSpan.Zero)
            {
                problems.Add(name + " must be positive.");
            }
        }
    }
}
