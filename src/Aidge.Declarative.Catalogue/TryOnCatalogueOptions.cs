using System;
using System.Collections.Generic;

namespace Aidge.Declarative.Catalogue
{
    /// <summary>How a catalogue run paces its calls.</summary>
    public sealed class TryOnCatalogueOptions
    {
        /// <summary>
        /// The key's submit budget per <see cref="Window"/>, when known (3 per 60 s in the vendor's test phase). When null, the run
        /// finds it: it starts at 1 per window and doubles while no submit is refused with 501, then holds what the service allowed.
        /// Either way a 501 lowers the rate, for a budget shared with another process.
        /// </summary>
        public int? SubmitsPerWindow { get; set; }

        /// <summary>The window the budget is counted over; 60 s by default.</summary>
        public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(60);

        /// <summary>
        /// How many looks are held at once, from being read to having ended (waiting for the budget, or polled): the memory a run
        /// uses, and how far ahead of the results it reads. 200 by default.
        /// </summary>
        public int MaxTasksInFlight { get; set; } = 200;

        /// <summary>How many queries may be on the wire at once; the polls of all running tasks are spread out under it. 4 by default.</summary>
        public int MaxQueriesInFlight { get; set; } = 4;

        /// <summary>
        /// How long after its submit a task is first asked about; the wait grows by half after each answer, up to
        /// <see cref="MaxPollingInterval"/>, each with ±20% jitter. Tasks resumed from the ledger are first asked about at random
        /// moments within this interval, so that hundreds of them are not asked about at once. 5 s by default.
        /// </summary>
        public TimeSpan PollingInterval { get; set; } = TimeSpan.FromSeconds(5);

        /// <summary>The longest wait between two polls of one task; 30 s by default.</summary>
        public TimeSpan MaxPollingInterval { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>
        /// How long after its submit (counted across runs, from the time the ledger recorded) a task is polled before the run reports it
        /// <see cref="TryOnLookState.StillRunning"/>; the ledger keeps its task id, and each later run asks about it again, once. 30
        /// minutes by default.
        /// </summary>
        public TimeSpan TaskTimeout { get; set; } = TimeSpan.FromMinutes(30);

        /// <summary>
        /// Whether looks in doubt (a submit that may have reached the service with no task id recorded) are submitted again. False by
        /// default: such a look may have been paid for, so setting this may pay twice for it.
        /// </summary>
        public bool ResubmitInDoubt { get; set; }

        /// <summary>
        /// The keys of looks in doubt to submit again, chosen one by one (after the vendor's console showed that they made no task, say):
        /// each may be paid for twice. Keys of looks not in doubt are not affected: a look with a task id is never submitted again.
        /// Empty by default.
        /// </summary>
        public ICollection<string> ResubmitInDoubtKeys { get; set; } = new List<string>();

        /// <summary>
        /// The owner a ledger was filled under, when this run is to take it over (the same account's key renewed, or a proxy named as the
        /// service it fronts): a ledger of that owner is then recorded as this run's client's. Null by default: a ledger of another
        /// owner is refused with a <see cref="TryOnLedgerOwnerException"/>, before anything is read or sent.
        /// </summary>
        public TryOnLedgerOwner? AdoptLedgerFrom { get; set; }

        /// <summary>How many looks the catalogue holds, when known: used to estimate the time left, and by <see cref="CheckBalance"/>.</summary>
        public int? ExpectedLooks { get; set; }

        /// <summary>
        /// Whether the account's quota balance is asked (<see cref="TryOnClient.GetBalanceAsync"/>) once per edition, before the run's first
        /// submit on it. The run then logs and reports (<see cref="TryOnCatalogueProgress.Balances"/>) "N calls left, the catalogue needs
        /// at most M", and stops with an <see cref="AidgeException"/> of kind <see cref="AidgeErrorKind.QuotaExhausted"/> before anything is
        /// paid when the balance cannot pay even for the looks submitted at once (for a single look, when the catalogue's size is not
        /// known: set <see cref="ExpectedLooks"/>, or give the run a list); a failed balance call stops it too. False by default: the vendor
        /// asks for at most one balance call a day. The balance is the paid quota's: a run whose client sends on the trial quota refuses it.
        /// </summary>
        public bool CheckBalance { get; set; }

        /// <summary>How often progress is reported; every 500 ms by default.</summary>
        public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromMilliseconds(500);

        /// <summary>
        /// Where and how each finished look's pictures are saved (<see cref="TryOnPictureOptions.InFolder"/>, say); null (the default)
        /// saves none, and the looks carry the service's URLs only, which expire. Saving is free: a look whose pictures were not all
        /// saved stays <see cref="TryOnLookState.Finished"/> with the problems in <see cref="TryOnCatalogueItem{TRequest}.SavedPictures"/>,
        /// and a later run fetches what is missing, with no paid call, while the URLs last. Needs .NET 8 or later.
        /// </summary>
        public TryOnPictureOptions? Pictures { get; set; }

        /// <summary>The clock for the budget, the polls and the timeouts.</summary>
        public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

        /// <summary>Every problem with these settings; empty when they are usable.</summary>
        public IReadOnlyList<string> Validate()
        {
            var problems = new List<string>();
            if (SubmitsPerWindow is < 1)
            {
                problems.Add("SubmitsPerWindow is " + SubmitsPerWindow + "; give at least 1, or null when the budget is not known.");
            }

            if (Window <= TimeSpan.Zero)
            {
                problems.Add("Window is " + Window + "; it must be positive.");
            }

            if (MaxTasksInFlight < 1)
            {
                problems.Add("MaxTasksInFlight is " + MaxTasksInFlight + "; it must be at least 1.");
            }

            if (MaxQueriesInFlight < 1)
            {
                problems.Add("MaxQueriesInFlight is " + MaxQueriesInFlight + "; it must be at least 1.");
            }

            if (PollingInterval <= TimeSpan.Zero || MaxPollingInterval < PollingInterval)
            {
                problems.Add("PollingInterval is " + PollingInterval + " and MaxPollingInterval " + MaxPollingInterval + "; the first must be positive and at most the second.");
            }

            if (TaskTimeout <= TimeSpan.Zero)
            {
                problems.Add("TaskTimeout is " + TaskTimeout + "; it must be positive.");
            }

            if (ExpectedLooks is < 0)
            {
                problems.Add("ExpectedLooks is " + ExpectedLooks + "; it cannot be negative.");
            }

            if (ProgressInterval <= TimeSpan.Zero)
            {
                problems.Add("ProgressInterval is " + ProgressInterval + "; it must be positive.");
            }

            if (TimeProvider is null)
            {
                problems.Add("TimeProvider is null.");
            }

            Pictures?.Validate(problems);
#if !NET8_0_OR_GREATER
            if (Pictures is not null)
            {
                problems.Add("Pictures is set, but saving pictures needs .NET 8 or later (its address checks need SocketsHttpHandler.ConnectCallback); this is the netstandard2.0 build.");
            }
#endif
            if (ResubmitInDoubtKeys is null)
            {
                problems.Add("ResubmitInDoubtKeys is null; leave it empty to resubmit none.");
            }
            else
            {
                foreach (string key in ResubmitInDoubtKeys)
                {
                    string? problem = key is null ? "null." : TryOnCatalogueKeys.Problem(key, out _);
                    if (problem is not null)
                    {
                        problems.Add("ResubmitInDoubtKeys holds a key no look can have: " + problem);
                    }
                }
            }

            return problems;
        }

        // A copy that no later change by the caller reaches, the keys' collection included.
        internal TryOnCatalogueOptions Clone()
        {
            var copy = (TryOnCatalogueOptions)MemberwiseClone();
            copy.ResubmitInDoubtKeys = ResubmitInDoubtKeys is null ? null! : new List<string>(ResubmitInDoubtKeys);
            copy.Pictures = Pictures?.Clone();
            return copy;
        }

        /// <summary>The keys to resubmit, in their recorded form (the options are validated first).</summary>
        internal HashSet<string> RecordedResubmitKeys()
        {
            var keys = new HashSet<string>(StringComparer.Ordinal);
            foreach (string key in ResubmitInDoubtKeys)
            {
                keys.Add(TryOnCatalogueKeys.Normalize(key));
            }

            return keys;
        }
    }
}
