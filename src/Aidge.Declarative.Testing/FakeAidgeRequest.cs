using System;
using System.Collections.Generic;

namespace Aidge.Declarative.Testing
{
    /// <summary>A call the fake server received, and what it answered.</summary>
    public sealed class FakeAidgeRequest
    {
        internal FakeAidgeRequest(
            DateTimeOffset receivedAt, string path, IReadOnlyDictionary<string, string> query, IReadOnlyList<string> queryOrder,
            string? contentType, string? trialHeader, string body)
        {
            ReceivedAt = receivedAt;
            Path = path;
            Query = query;
            QueryOrder = queryOrder;
            ContentType = contentType;
            TrialHeader = trialHeader;
            Body = body;
        }

        /// <summary>When it arrived, on the server's clock.</summary>
        public DateTimeOffset ReceivedAt { get; }

        /// <summary>The path, such as <c>/rest/ai/virtual/tryon</c>.</summary>
        public string Path { get; }

        /// <summary>The query string's parameters.</summary>
        public IReadOnlyDictionary<string, string> Query { get; }

        /// <summary>The query string's parameter names, in the order they came.</summary>
        public IReadOnlyList<string> QueryOrder { get; }

        /// <summary>The Content-Type header.</summary>
        public string? ContentType { get; }

        /// <summary>Whether <c>x-iop-trial: true</c> was sent.</summary>
        public bool Trial => string.Equals(TrialHeader, "true", StringComparison.OrdinalIgnoreCase);

        /// <summary>The <c>x-iop-trial</c> header as sent, or null when it was not.</summary>
        public string? TrialHeader { get; }

        /// <summary>The body, as text.</summary>
        public string Body { get; }

        /// <summary>Whether it was a submit (either edition).</summary>
        public bool IsSubmit => Edition is not null;

        /// <summary>The edition a submit's path names; null for any other call.</summary>
        public TryOnEdition? Edition =>
            Path == TryOnRules.RestPrefix + TryOnRules.SubmitApiName(TryOnEdition.Standard) ? TryOnEdition.Standard :
            Path == TryOnRules.RestPrefix + TryOnRules.SubmitApiName(TryOnEdition.Pro) ? TryOnEdition.Pro :
            null;

        /// <summary>Whether it was a quota balance query.</summary>
        public bool IsBalance => Path == TryOnRules.RestPrefix + TryOnRules.BalanceApiName;

        /// <summary>Whether it was a result query.</summary>
        public bool IsQuery => Path == TryOnRules.RestPrefix + TryOnRules.QueryApiName;

        /// <summary>The result code the server answered with (0 when it dropped the connection or did not answer JSON).</summary>
        public int ResCode { get; internal set; }

        /// <summary>The fault applied to it, if any.</summary>
        public FakeAidgeFault? Fault { get; internal set; }
    }
}
