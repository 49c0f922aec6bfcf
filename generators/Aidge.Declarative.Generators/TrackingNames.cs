namespace Aidge.Declarative.Generators
{
    /// <summary>The names of the generator's pipeline steps, for the caching tests.</summary>
    internal static class TrackingNames
    {
        /// <summary>Every <c>[TryOnRequest]</c> type, parsed (null where the generator cannot extend it).</summary>
        public const string Requests = nameof(Requests);

        /// <summary>The requests the generator emits code for.</summary>
        public const string EmittableRequests = nameof(EmittableRequests);

        /// <summary>Every <c>[TryOnApi]</c> interface, parsed (null where the generator cannot implement it).</summary>
        public const string Apis = nameof(Apis);

        /// <summary>The interfaces the generator implements.</summary>
        public const string EmittableApis = nameof(EmittableApis);

        /// <summary>Whether the compilation needs <c>ModuleInitializerAttribute</c> declared for the implementations' registrations.</summary>
        public const string NeedsModuleInitializer = nameof(NeedsModuleInitializer);
    }
}
