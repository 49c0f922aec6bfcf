using System;
using System.Collections.Generic;
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
    /// For each look the ledger records <see cref="TryOnLedgerState.Submitting"/> before its paid submit and the task id after it.
    /// On a later run, looks that ended are reported from the ledger at no cost, looks with a task id are polled again, and a look
    /// recorded as submitting with no task id (the process died between the two) is reported <see cref="TryOnLookState.InDoubt"/>
    /// and never submitted again unless <see cref="TryOnCatalogueOptions.ResubmitInDoubt"/> is set.
    /// </para>
    /// <para>
    /// A look that breaks the API's rules, or that the service refuses (700, 701, 703, 707, content risk), ends
    /// <see cref="TryOnLookState.Failed"/> with its reason, and the run goes on. A failure that every later call would meet too
    /// (the quota exhausted, a gateway refusal such as a bad key) stops the run: the looks in flight are drained, and the enumeration
    /// ends by throwing it.
    /// </para>
    /// <para>
    /// Cancelling stops reading looks and waiting; a submit already sent is let finish, bounded by the client's
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
        /// <param name="ledger">The durable record of the looks; one run at a time may use it.</param>
        /// <param name="options">The budget and the pacing; the defaults learn the budget.</param>
        /// <param name="logger">Where to log looks in doubt, refusals and the budget learned.</param>
        /// <exception cref="ArgumentException">The options are not usable; the message lists every problem.</exception>
        public TryOnCatalogueRun(TryOnClient client, ITryOnLedger ledger, TryOnCatalogueOptions? options = null, ILogger<TryOnCatalogueRun<TRequest>>? logger = null)
        {
            _client = client ?? throw new ArgumentNullException(nameof(client));
            _ledger = ledger ?? throw new ArgumentNullException(nameof(ledger));
            _options = (options ?? new TryOnCatalogueOptions()).Clone();
            IReadOnlyList<string> problems = _options.Validate();
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
        /// <exception cref="AidgeException">A failure every call would meet (quota, gateway) stopped the run, after the looks in flight were drained.</exception>
        public IAsyncEnumerable<TryOnCatalogueItem<TRequest>> RunAsync(
            IAsyncEnumerable<TryOnCatalogueLook<TRequest>> looks,
            IProgress<TryOnCatalogueProgress>? progress = null,
            CancellationToken cancellationToken = default)
        {
            if (looks is null)
            {
                throw new ArgumentNullException(nameof(looks));
            }

            return RunCoreAsync(looks, progress, cancellationToken);
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

            return RunCoreAsync(Streams.ToAsync(looks), progress, cancellationToken);
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

            return RunCoreAsync(Streams.Keyed(looks), progress, cancellationToken);
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

            return RunCoreAsync(Streams.Keyed(Streams.ToAsync(looks)), progress, cancellationToken);
        }

        private async IAsyncEnumerable<TryOnCatalogueItem<TRequest>> RunCoreAsync(
            IAsyncEnumerable<TryOnCatalogueLook<TRequest>> looks,
            IProgress<TryOnCatalogueProgress>? progress,
            [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            if (Interlocked.Exchange(ref _running, 1) != 0)
            {
                throw new InvalidOperationException("This catalogue run is already running; one RunAsync at a time.");
            }

            var execution = new CatalogueExecution<TRequest>(_client, _ledger, _options, _logger, progress, cancellationToken);
            try
            {
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
                execution.Dispose();
                Volatile.Write(ref _running, 0);
            }
        }

        private static class Streams
        {
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
