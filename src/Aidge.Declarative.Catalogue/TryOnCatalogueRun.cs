using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Aidge.Declarative.Catalogue
{
    /// <summary>
    /// Tries on a whole catalogue: every look submitted at most once per key, across crashes and restarts, under the key's submit
    /// budget, polled until it ends, and reported as it ends. Looks stream in and results stream out; the ledger holds the state,
    /// so memory stays flat in the catalogue's size.
    /// </summary>
    /// <typeparam name="TRequest">The declared request type.</typeparam>
    /// <remarks>
    /// <para>
    /// A run first takes the ledger (<see cref="ITryOnLedger.BeginSessionAsync"/>): a ledger filled under another service or access key
    /// is refused with a <see cref="TryOnLedgerOwnerException"/>, and one held by another run with an <see cref="System.IO.IOException"/>,
    /// before any look is read or anything sent.
    /// </para>
    /// <para>
    /// For each look the ledger records <see cref="TryOnLedgerState.Submitting"/> before its paid submit and the task id after it.
    /// On a later run, looks that ended are reported from the ledger at no cost, looks with a task id are polled again, and a look
    /// recorded as submitting with no task id (the process died between the two) is reported <see cref="TryOnLookState.InDoubt"/>
    /// and never submitted again unless asked (<see cref="TryOnCatalogueOptions.ResubmitInDoubt"/>,
    /// <see cref="TryOnCatalogueOptions.ResubmitInDoubtKeys"/>) or given its task id (<see cref="AttachTaskIdAsync"/>). A state the
    /// ledger holds that this version does not know is in doubt too, never new.
    /// </para>
    /// <para>
    /// Keys are recorded and compared in one form (<see cref="TryOnCatalogueKeys.Normalize(string)"/>: Unicode NFC, ignoring case). A key
    /// met again with another request is <see cref="TryOnLookState.Failed"/>, in the same run as in a later one, unless its earlier look
    /// failed; with the same request it is paid for once and reported for each time it was given.
    /// </para>
    /// <para>
    /// A look that breaks the API's rules, has a key that cannot be recorded, or that the service refuses (700, 701, 703, 707, content
    /// risk), ends <see cref="TryOnLookState.Failed"/> with its reason, and the run goes on. A failure that every later call would meet too
    /// (the quota exhausted, a gateway refusal such as a bad key, a ledger that cannot be written, a catalogue that throws) halts the
    /// run: nothing more is read or submitted, the tasks already paid for are polled to their end and reported, and the enumeration
    /// ends by throwing it.
    /// </para>
    /// <para>
    /// Cancelling stops reading looks, waiting and polling; a submit already sent is let finish, bounded by the client's
    /// <see cref="TryOnClientOptions.RequestTimeout"/>, so that its task id is recorded rather than left in doubt.
    /// </para>
    /// </remarks>
    public sealed class TryOnCatalogueRun<TRequest>
        where TRequest : ITryOnRequest
    {
        private readonly TryOnClient _client;
        private readonly ITryOnLedger _ledger;
        private readonly TryOnCatalogueOptions _options;
        private readonly ILogger _logger;
        private int _running;

        /// <summary>Creates a run.</summary>
        /// <param name="client">The client to submit and poll with.</param>
        /// <param name="ledger">The durable record of the looks; one run (or listing, or mending) at a time may use it.</param>
        /// <param name="options">The budget and the pacing; the defaults learn the budget.</param>
        /// <param name="logger">Where to log looks in doubt, refusals and the budget learned.</param>
        /// <exception cref="ArgumentException">The options are not usable; the message lists every problem.</exception>
        public TryOnCatalogueRun(TryOnClient client, ITryOnLedger ledger, TryOnCatalogueOptions? options = null, ILogger<TryOnCatalogueRun<TRequest>>? logger = null)
        {
            _client = client ?? throw new ArgumentNullException(nameof(client));
            _ledger = ledger ?? throw new ArgumentNullException(nameof(ledger));
            _options = (options ?? new TryOnCatalogueOptions()).Clone();
            var problems = new List<string>(_options.Validate());
            if (client.SubmitBudget is { } shared && _options.SubmitsPerWindow is { } own)
            {
                problems.Add("SubmitsPerWindow is " + own + ", but the client takes its permits from a shared budget (TryOnClientOptions.SubmitBudget, " +
                    shared.SubmitsPerWindow + " per " + shared.Window + " now), whose own settings apply: leave SubmitsPerWindow out, and set the budget there.");
            }

            if (_options.CheckBalance && client.UsesTrialQuota)
            {
                problems.Add("CheckBalance asks the balance of the paid quota, but the client sends on the trial quota (TryOnClientOptions.UseTrialResource), " +
                    "whose calls the paid balance does not count: leave CheckBalance off.");
            }

            if (problems.Count != 0)
            {
                throw new ArgumentException("The TryOnCatalogueOptions are not usable: " + string.Join(" ", problems), nameof(options));
            }

            _logger = (ILogger?)logger ?? NullLogger.Instance;
        }

        /// <summary>Runs the looks, each known by its own key, and yields each once it has ended.</summary>
        /// <param name="looks">The catalogue, read as it is needed.</param>
        /// <param name="progress">Told where the run stands, every <see cref="TryOnCatalogueOptions.ProgressInterval"/> and at the end.</param>
        /// <param name="cancellationToken">Stops the run; what was recorded stays recorded.</param>
        /// <exception cref="InvalidOperationException">This run is already running.</exception>
        /// <exception cref="TryOnLedgerOwnerException">The ledger belongs to another service or access key; nothing was read or sent.</exception>
        /// <exception cref="System.IO.IOException">
        /// Another run holds the ledger, or the ledger cannot be written; nothing more was sent. Or the pictures' store cannot be written
        /// (a write is tried before anything is sent): nothing was sent.
        /// </exception>
        /// <exception cref="AidgeException">A failure every call would meet (quota, gateway) halted the run, after the looks in flight were drained.</exception>
        public IAsyncEnumerable<TryOnCatalogueItem<TRequest>> RunAsync(
            IAsyncEnumerable<TryOnCatalogueLook<TRequest>> looks,
            IProgress<TryOnCatalogueProgress>? progress = null,
            CancellationToken cancellationToken = default)
        {
            if (looks is null)
            {
                throw new ArgumentNullException(nameof(looks));
            }

            return RunCoreAsync(looks, progress, cancellationToken, count: null);
        }

        /// <summary>Runs the looks, each known by its own key, and yields each once it has ended.</summary>
        /// <inheritdoc cref="RunAsync(IAsyncEnumerable{TryOnCatalogueLook{TRequest}}, IProgress{TryOnCatalogueProgress}?, CancellationToken)"/>
        public IAsyncEnumerable<TryOnCatalogueItem<TRequest>> RunAsync(
            IEnumerable<TryOnCatalogueLook<TRequest>> looks,
            IProgress<TryOnCatalogueProgress>? progress = null,
            CancellationToken cancellationToken = default)
        {
            if (looks is null)
            {
                throw new ArgumentNullException(nameof(looks));
            }

            return RunCoreAsync(Streams.ToAsync(looks), progress, cancellationToken, Streams.CountOf(looks));
        }

        /// <summary>Runs the requests, each known by <see cref="TryOnCatalogueKeys.Of{T}(T)"/>, and yields each once it has ended.</summary>
        /// <inheritdoc cref="RunAsync(IAsyncEnumerable{TryOnCatalogueLook{TRequest}}, IProgress{TryOnCatalogueProgress}?, CancellationToken)"/>
        public IAsyncEnumerable<TryOnCatalogueItem<TRequest>> RunAsync(
            IAsyncEnumerable<TRequest> looks,
            IProgress<TryOnCatalogueProgress>? progress = null,
            CancellationToken cancellationToken = default)
        {
            if (looks is null)
            {
                throw new ArgumentNullException(nameof(looks));
            }

            return RunCoreAsync(Streams.Keyed(looks), progress, cancellationToken, count: null);
        }

        /// <summary>Runs the requests, each known by <see cref="TryOnCatalogueKeys.Of{T}(T)"/>, and yields each once it has ended.</summary>
        /// <inheritdoc cref="RunAsync(IAsyncEnumerable{TryOnCatalogueLook{TRequest}}, IProgress{TryOnCatalogueProgress}?, CancellationToken)"/>
        public IAsyncEnumerable<TryOnCatalogueItem<TRequest>> RunAsync(
            IEnumerable<TRequest> looks,
            IProgress<TryOnCatalogueProgress>? progress = null,
            CancellationToken cancellationToken = default)
        {
            if (looks is null)
            {
                throw new ArgumentNullException(nameof(looks));
            }

            return RunCoreAsync(Streams.Keyed(Streams.ToAsync(looks)), progress, cancellationToken, Streams.CountOf(looks));
        }

        private async IAsyncEnumerable<TryOnCatalogueItem<TRequest>> RunCoreAsync(
            IAsyncEnumerable<TryOnCatalogueLook<TRequest>> looks,
            IProgress<TryOnCatalogueProgress>? progress,
            [EnumeratorCancellation] CancellationToken cancellationToken,
            int? count)
        {
            if (Interlocked.Exchange(ref _running, 1) != 0)
            {
                throw new InvalidOperationException("This catalogue run is already running; one RunAsync at a time.");
            }

            try
            {
                // Whose the ledger is, checked before anything is read from it or sent; and held by this run alone until it ends.
                await using ITryOnLedgerSession session = await BeginSessionAsync(cancellationToken).ConfigureAwait(false);
                if (_options.Pictures is { } pictures)
                {
                    await CheckPictureStoreAsync(pictures.Store, cancellationToken).ConfigureAwait(false);
                }

                using var execution = new CatalogueExecution<TRequest>(_client, session, _options, _logger, progress, cancellationToken, count);
                Task pump = execution.PumpAsync(looks);
                try
                {
                    while (await execution.Output.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
                    {
                        while (execution.Output.TryRead(out TryOnCatalogueItem<TRequest>? item))
                        {
                            yield return item;
                        }
                    }
                }
                finally
                {
                    // Also when the caller stops reading early: stop, and let what is in flight be recorded.
                    execution.Stop(consumerGone: true);
                    await pump.ConfigureAwait(false);
                    execution.ReportProgress();
                }

                execution.ThrowIfFailed();
                cancellationToken.ThrowIfCancellationRequested();
            }
            finally
            {
                Volatile.Write(ref _running, 0);
            }
        }

        // A store that cannot be written (a folder without the right, or a file in its place) is found before anything is paid: one
        // write is opened, a byte written and flushed, then discarded uncommitted.
        private const string PictureStoreCheckName = "aidge-write-check";

        private static async Task CheckPictureStoreAsync(ITryOnPictureStore store, CancellationToken cancellationToken)
        {
            try
            {
                await using ITryOnPictureWrite write = await store.CreateAsync(PictureStoreCheckName, cancellationToken).ConfigureAwait(false);
                await write.Content.WriteAsync(new byte[1], 0, 1, cancellationToken).ConfigureAwait(false);
                await write.Content.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when ((exception is IOException or UnauthorizedAccessException or NotSupportedException) && !cancellationToken.IsCancellationRequested)
            {
                throw new IOException(
                    "The pictures cannot be saved in " + store + " (TryOnCatalogueOptions.Pictures), so nothing was submitted: " + exception.Message, exception);
            }
        }

        /// <summary>
        /// The looks the ledger holds in doubt: submitted, perhaps paid for, with no task id recorded. Each entry says when its submit
        /// was sent (<see cref="TryOnLedgerEntry.SubmittedAt"/>) and, when the service answered something, its request id
        /// (<see cref="TryOnLookError.RequestId"/>): what to look for in the vendor's console. Costs nothing.
        /// </summary>
        /// <exception cref="TryOnLedgerOwnerException">The ledger belongs to another service or access key.</exception>
        /// <exception cref="System.IO.IOException">A run holds the ledger.</exception>
        public async Task<IReadOnlyList<TryOnLedgerEntry>> GetInDoubtAsync(CancellationToken cancellationToken = default)
        {
            var found = new List<TryOnLedgerEntry>();
            await using (ITryOnLedgerSession session = await BeginSessionAsync(cancellationToken).ConfigureAwait(false))
            {
                await foreach (TryOnLedgerEntry entry in session.ListInDoubtAsync(cancellationToken).ConfigureAwait(false))
                {
                    found.Add(entry);
                }
            }

            return found;
        }

        /// <summary>
        /// Gives a look in doubt the task id its submit made (found in the vendor's console, or in a log line of the run that could not
        /// record it): the next run polls that task like any other and pays nothing more for the look. A task the ledger records for
        /// another look is refused (a task is one look's). The task is asked about once first, so that an id the service does not know
        /// is refused here; and when it ends, its pictures must have been made from this look's garments, or the look stays in doubt
        /// rather than report another look's pictures. Costs one query.
        /// </summary>
        /// <param name="key">The look's key, as the catalogue gives it.</param>
        /// <param name="taskId">The task id.</param>
        /// <param name="cancellationToken">Cancels the query.</param>
        /// <exception cref="ArgumentException">The key cannot be a look's, or the task id is not one.</exception>
        /// <exception cref="InvalidOperationException">The ledger has no such look, the look is not in doubt (it has a task id already, or has ended), or another look holds the task.</exception>
        /// <exception cref="TryOnLedgerOwnerException">The ledger belongs to another service or access key.</exception>
        /// <exception cref="System.IO.IOException">A run holds the ledger.</exception>
        /// <exception cref="AidgeException">The service did not answer about the task as it answers about one of this account's.</exception>
        public async Task AttachTaskIdAsync(string key, string taskId, CancellationToken cancellationToken = default)
        {
            string recorded = TryOnCatalogueKeys.Normalize(key);
            TryOnOperation operation = _client.GetOperation(taskId);   // checks the id's form
            await using ITryOnLedgerSession session = await BeginSessionAsync(cancellationToken).ConfigureAwait(false);
            TryOnLedgerClaim claim = await session.ClaimAsync(recorded, evenIfEnded: true, cancellationToken).ConfigureAwait(false);
            try
            {
                TryOnLedgerEntry entry = claim.Entry
                    ?? throw new InvalidOperationException("The ledger has no look '" + key + "': only a look it recorded as submitted can be given a task id.");
                bool inDoubt = entry.State is TryOnLedgerState.InDoubt or TryOnLedgerState.Submitting || (entry.State == TryOnLedgerState.Submitted && entry.TaskId is null);
                if (!inDoubt)
                {
                    throw new InvalidOperationException("The look '" + key + "' is " + entry.State + (entry.TaskId is { } known ? " with the task " + known : string.Empty) + ", not in doubt: only a look in doubt takes a task id.");
                }

                if (!claim.IsHeld)
                {
                    throw new InvalidOperationException("The look '" + key + "' is held by another run (recorded as submitting, its lease not run out): it may be on its way; try again once that run has ended or stopped.");
                }

                if (await session.FindKeyOfTaskAsync(operation.TaskId, cancellationToken).ConfigureAwait(false) is { } holder && holder != recorded)
                {
                    throw new InvalidOperationException(
                        "The task " + operation.TaskId + " is recorded for the look '" + holder + "': a task is one look's, and its pictures are that look's. Nothing was " +
                        "recorded for '" + key + "'; give it the task id its own submit made.");
                }

                await operation.GetResultAsync(cancellationToken).ConfigureAwait(false);
                var attached = new TryOnLedgerEntry(recorded, entry.Fingerprint, TryOnLedgerState.Submitted, operation.TaskId, entry.Edition, updatedAt: _options.TimeProvider.GetUtcNow(), submittedAt: entry.SubmittedAt, taskAttached: true);
                if (!await session.SaveAsync(claim, attached, CancellationToken.None).ConfigureAwait(false))
                {
                    throw new InvalidOperationException("The look '" + key + "' was taken by another run while its task id was being checked: nothing was recorded; try again.");
                }
            }
            finally
            {
                await session.ReleaseAsync(claim, CancellationToken.None).ConfigureAwait(false);
            }
        }

        // The ledger refuses a second session, whoever asks: a run, or a listing or mending beside it.
        private ValueTask<ITryOnLedgerSession> BeginSessionAsync(CancellationToken cancellationToken) =>
            _ledger.BeginSessionAsync(TryOnLedgerOwner.Of(_client), _options.AdoptLedgerFrom, cancellationToken);

        private static class Streams
        {
            /// <summary>How many items a sequence holds, when it says without being enumerated (a list, an array); null otherwise.</summary>
            public static int? CountOf<T>(IEnumerable<T> items) => items switch
            {
                IReadOnlyCollection<T> collection => collection.Count,
                ICollection<T> collection => collection.Count,
                _ => null,
            };

            public static async IAsyncEnumerable<T> ToAsync<T>(IEnumerable<T> items)
            {
                foreach (T item in items)
                {
                    yield return item;
                }

                await Task.CompletedTask.ConfigureAwait(false);
            }

            public static async IAsyncEnumerable<TryOnCatalogueLook<TRequest>> Keyed(
                IAsyncEnumerable<TRequest> requests,
                [EnumeratorCancellation] CancellationToken cancellationToken = default)
            {
                await foreach (TRequest request in requests.WithCancellation(cancellationToken).ConfigureAwait(false))
                {
                    yield return new TryOnCatalogueLook<TRequest>(request);
                }
            }
        }
    }
}
