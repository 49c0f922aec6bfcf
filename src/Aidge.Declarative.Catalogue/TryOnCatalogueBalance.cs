using System.Globalization;

namespace Aidge.Declarative.Catalogue
{
    /// <summary>
    /// What the quota balance checked before a run's first submit said (<see cref="TryOnCatalogueOptions.CheckBalance"/>): the calls
    /// left, and what the catalogue needs of them.
    /// </summary>
    public sealed class TryOnCatalogueBalance
    {
        internal TryOnCatalogueBalance(TryOnBalance balance, int? needed, int inFlight)
        {
            Balance = balance;
            Needed = needed;
            InFlight = inFlight;
        }

        /// <summary>The service's answer.</summary>
        public TryOnBalance Balance { get; }

        /// <summary>
        /// At most how many paid calls the run still needs: the catalogue's size (<see cref="TryOnCatalogueOptions.ExpectedLooks"/>, or the
        /// count of a list or an array given to the run) less the looks the ledger already held an end or a task for when the check was
        /// made; null when the size is not known.
        /// </summary>
        public int? Needed { get; }

        /// <summary>How many looks may be submitted at once: <see cref="TryOnCatalogueOptions.MaxTasksInFlight"/>, or fewer when fewer are needed.</summary>
        public int InFlight { get; }

        /// <summary>Whether the balance pays for every call the run may need (false when that is not known).</summary>
        public bool CoversCatalogue => Needed is { } needed && Balance.Remaining >= needed;

        /// <summary>Whether the balance pays for the looks submitted at once.</summary>
        public bool CoversInFlight => Balance.Remaining >= InFlight;

        /// <summary>
        /// Whether the run stops on this balance before its first submit: when it cannot pay for the looks submitted at once, or, when
        /// the catalogue's size is not known, for a single look.
        /// </summary>
        public bool StopsRun => Needed is null ? Balance.Remaining < 1 : !CoversInFlight;

        /// <inheritdoc/>
        public override string ToString() =>
            Balance.Remaining.ToString(CultureInfo.InvariantCulture) + " calls left for " + Balance.ApiPath + ", the catalogue needs " +
            (Needed is { } needed ? (needed == 0 ? "none" : "at most " + needed.ToString(CultureInfo.InvariantCulture)) : "an unknown number (set ExpectedLooks)");
    }
}
