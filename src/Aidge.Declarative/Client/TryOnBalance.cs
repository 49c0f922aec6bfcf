namespace Aidge.Declarative
{
    /// <summary>
    /// What the service says is left of an account's quota for one API (<see cref="TryOnClient.GetBalanceAsync"/>): the
    /// answer's <c>data.balance</c>, with the ids to give the vendor's support.
    /// </summary>
    public sealed class TryOnBalance
    {
        /// <summary>Creates a balance: for tests of code that reads one.</summary>
        public TryOnBalance(TryOnEdition edition, decimal remaining, string? requestId, string? traceId)
        {
            Edition = edition;
            Remaining = remaining;
            RequestId = requestId;
            TraceId = traceId;
        }

        /// <summary>The edition whose API was asked about.</summary>
        public TryOnEdition Edition { get; }

        /// <summary>The API name sent as <c>apiPath</c> (<c>/ai/virtual/tryon</c>).</summary>
        public string ApiPath => TryOnRules.SubmitApiName(Edition);

        /// <summary>
        /// How many calls the account has left for the API (<c>data.balance</c>). A <see cref="decimal"/>: the vendor's page does not
        /// show the type, so a number and a string holding one are both read, and nothing is rounded.
        /// </summary>
        public decimal Remaining { get; }

        /// <summary>The id of the call, for the vendor's support: the API's <c>requestId</c>, or else the gateway's <c>request_id</c>.</summary>
        public string? RequestId { get; }

        /// <summary>The answer's trace id (<c>_trace_id_</c>), when it carried one.</summary>
        public string? TraceId { get; }

        /// <inheritdoc/>
        public override string ToString() => "TryOnBalance { ApiPath = " + ApiPath + ", Remaining = " + Remaining.ToString(System.Globalization.CultureInfo.InvariantCulture) + " }";
    }
}
