namespace Aidge.Declarative.Generators
{
    /// <summary>The names of the generator's pipeline steps, for the caching tests.</summary>
    internal static class TrackingNames
    {
        /// <summary>Every <c>[TryOnRequest]</c> type, parsed (null where the generator cannot extend it).</summary>
        public const string Requests = nameof(Requests);

        /// <summary>The requests the generator emits code for.</summary>
        public const string EmittableRequests = nameof(EmittableRequests);
    }
}
