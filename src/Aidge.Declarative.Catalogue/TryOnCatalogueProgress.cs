using System;
using System.Collections.Generic;

namespace Aidge.Declarative.Catalogue
{
    /// <summary>Where a catalogue run stands: a snapshot, reported through <see cref="IProgress{T}"/>.</summary>
    public sealed class TryOnCatalogueProgress
    {
        internal TryOnCatalogueProgress(
            int read, int waiting, int running, int finished, int failed, int inDoubt, int stillRunning, int fromLedger,
            int submits, int rateLimited, int submitsPerWindow, bool budgetKnown, int heldElsewhere, double budgetUse, TimeSpan elapsed, TimeSpan? estimatedTimeLeft,
            IReadOnlyList<TryOnCatalogueBalance>? balances = null, int picturesSaved = 0, int picturesNotSaved = 0)
        {
            PicturesSaved = picturesSaved;
            PicturesNotSaved = picturesNotSaved;
            Balances = balances ?? new TryOnCatalogueBalance[0];
            Read = read;
            Waiting = waiting;
            Running = running;
            Finished = finished;
            Failed = failed;
            InDoubt = inDoubt;
            StillRunning = stillRunning;
            FromLedger = fromLedger;
            Submits = submits;
            RateLimited = rateLimited;
            SubmitsPerWindow = submitsPerWindow;
            BudgetKnown = budgetKnown;
            HeldElsewhere = heldElsewhere;
            BudgetUse = budgetUse;
            Elapsed = elapsed;
            EstimatedTimeLeft = estimatedTimeLeft;
        }

        /// <summary>Pictures saved in this run (<see cref="TryOnCatalogueOptions.Pictures"/>); those saved by an earlier run are not counted.</summary>
        public int PicturesSaved { get; }

        /// <summary>Pictures this run tried to save and could not: their looks are finished, and a later run tries them again.</summary>
        public int PicturesNotSaved { get; }

        /// <summary>Looks read so far.</summary>
        public int Read { get; }

        /// <summary>Looks waiting for the budget to submit them.</summary>
        public int Waiting { get; }

        /// <summary>Looks submitted (in this run or before) whose task has not ended.</summary>
        public int Running { get; }

        /// <summary>Looks that finished, with their pictures (those from the ledger included).</summary>
        public int Finished { get; }

        /// <summary>Looks that failed, each with its reason (those from the ledger included).</summary>
        public int Failed { get; }

        /// <summary>Looks in doubt: submitted perhaps, with no task id recorded.</summary>
        public int InDoubt { get; }

        /// <summary>Looks whose task was paid for and had not ended within its TaskTimeout: the next run asks about them again.</summary>
        public int StillRunning { get; }

        /// <summary>Of the ended looks, those that had ended before: they cost this run nothing.</summary>
        public int FromLedger { get; }

        /// <summary>Paid submits this run made (each created a task).</summary>
        public int Submits { get; }

        /// <summary>Submits the service refused with 501: calls wasted on a budget that was spent.</summary>
        public int RateLimited { get; }

        /// <summary>The submits per window the run allows itself now: the budget given, or as learned from 501s.</summary>
        public int SubmitsPerWindow { get; }

        /// <summary>
        /// Looks another run holds (a worker sharing the ledger): waited for, and reported once they end, or taken over if that run's
        /// lease runs out.
        /// </summary>
        public int HeldElsewhere { get; }

        /// <summary>Whether the budget was given (<see cref="TryOnCatalogueOptions.SubmitsPerWindow"/>, or the shared budget's own) or is being learned.</summary>
        public bool BudgetKnown { get; }

        /// <summary>
        /// The share of the budget used while submitting: the rate of submits from the first to the last ((submits - 1) over the
        /// time between them), over the budget's rate (<see cref="SubmitsPerWindow"/> per window). 0 before the second submit.
        /// </summary>
        public double BudgetUse { get; }

        /// <summary>Time since the run started.</summary>
        public TimeSpan Elapsed { get; }

        /// <summary>
        /// An estimate of the time left, from the looks not yet submitted (<see cref="TryOnCatalogueOptions.ExpectedLooks"/> less those
        /// read and submitted or ended) at the current rate, plus how long tasks have taken; null while it cannot be told.
        /// </summary>
        public TimeSpan? EstimatedTimeLeft { get; }

        /// <summary>
        /// What the balances checked before each edition's first submit said (<see cref="TryOnCatalogueOptions.CheckBalance"/>), in the order
        /// they were asked: one per edition the catalogue submits on; empty until then, or when not asked.
        /// </summary>
        public IReadOnlyList<TryOnCatalogueBalance> Balances { get; }

        /// <summary>Looks this run is done with, in any state (those still running at their TaskTimeout included).</summary>
        public int Ended => Finished + Failed + InDoubt + StillRunning;

        /// <inheritdoc/>
        public override string ToString() =>
            "read " + Read + ", waiting " + Waiting + ", running " + Running + ", finished " + Finished + ", failed " + Failed + ", in doubt " + InDoubt + ", still running " + StillRunning +
            "; " + Submits + " submits, " + RateLimited + " answered 501, " + SubmitsPerWindow + " per window" + (BudgetKnown ? string.Empty : " (learned)");
    }
}
