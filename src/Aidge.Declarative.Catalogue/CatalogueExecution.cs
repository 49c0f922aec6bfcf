using System;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace Aidge.Declarative.Catalogue
{
    /// <summary>
    /// One call of <see cref="TryOnCatalogueRun{TRequest}.RunAsync(IAsyncEnumerable{TryOnCatalogueLook{TRequest}}, IProgress{TryOnCatalogueProgress}?, CancellationToken)"/>:
    /// its looks in flight, its budget, its counts. This file is the flow: reading, one look at a time under a slot, the items out.
    /// What the ledger decides for a look is in <c>CatalogueExecution.Ledger.cs</c>, the paid submit in <c>.Submit.cs</c>, the polls in <c>.Poll.cs</c>,
    /// the quota balance in <c>.Balance.cs</c>, the progress in <c>.Progress.cs</c>.
    /// </summary>
    internal sealed partial class CatalogueExecution<TRequest> : IDisposable
        where TRequest : ITryOnRequest
    {
        private static readonly TryOnPicture[] NoPictures = new TryOnPicture[0];

        private readonly TryOnClient _client;
        private readonly ITryOnLedgerSession _ledger;
        private readonly TryOnCatalogueOptions _options;
        private readonly HashSet<string> _resubmitKeys;
        private readonly ILogger _logger;
        private readonly IProgress<TryOnCatalogueProgress>? _progress;
        private readonly TimeProvider _time;
        private readonly CancellationTokenSource _stop;
        private readonly CancellationTokenSource _halt;
        private readonly CancellationTokenSource _consumerGone = new();
        private readonly Channel<TryOnCatalogueItem<TRequest>> _output;
        private readonly SemaphoreSlim _slots;
        private readonly SemaphoreSlim _queries;
        private readonly ITryOnSubmitBudget _budget;
        private readonly SubmitPacer? _ownBudget;
        private readonly ITimer? _progressTimer;
        private readonly Dictionary<string, InFlight> _inFlight = new(StringComparer.Ordinal);
        private readonly TaskCompletionSource<bool> _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly long _started;

        private int _pending = 1;   // the reader, plus one per look in flight
        private int _read;
        private int _waiting;
        private int _runningTasks;
        private int _finished;
        private int _failed;
        private int _inDoubt;
        private int _stillRunning;
        private int _heldElsewhere;
        private int _fromLedger;
        private int _submits;
        private int _rateLimited;
        private long _firstSubmit;
        private long _lastSubmit;
        private long _taskTicks;
        private int _tasksTimed;
        private ExceptionDispatchInfo? _fatal;
        private readonly int? _expectedLooks;
        private readonly Dictionary<TryOnEdition, Task<bool>> _balanceChecks = new();
        private TryOnCatalogueBalance[] _balances = new TryOnCatalogueBalance[0];
        private int _picturesSaved;
        private int _picturesNotSaved;
#if NET8_0_OR_GREATER
        private readonly PictureDownloader? _pictures;
#endif

        public CatalogueExecution(TryOnClient client, ITryOnLedgerSession ledger, TryOnCatalogueOptions options, ILogger logger, IProgress<TryOnCatalogueProgress>? progress, CancellationToken cancellationToken, int? count)
        {
            _expectedLooks = options.ExpectedLooks ?? count;
            _client = client;
            _ledger = ledger;
            _options = options;
            _resubmitKeys = options.RecordedResubmitKeys();
            _logger = logger;
            _progress = progress;
            _time = options.TimeProvider;
            _started = _time.GetTimestamp();
            _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            _halt = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            _output = Channel.CreateBounded<TryOnCatalogueItem<TRequest>>(new BoundedChannelOptions(Math.Min(options.MaxTasksInFlight, 256)) { SingleReader = true });
            _slots = new SemaphoreSlim(options.MaxTasksInFlight, options.MaxTasksInFlight);
            _queries = new SemaphoreSlim(options.MaxQueriesInFlight, options.MaxQueriesInFlight);
            // The key's budget as the client shares it with the key's other holders; else this run paces itself, in this process.
            _budget = client.SubmitBudget ?? (_ownBudget = new SubmitPacer(options.Window, options.SubmitsPerWindow, options.MaxTasksInFlight + 1));
#if NET8_0_OR_GREATER
            _pictures = options.Pictures is { } pictures ? new PictureDownloader(pictures, client.Endpoint, _time) : null;
#endif
            if (progress is not null)
            {
                _progressTimer = _time.CreateTimer(_ => ReportProgress(), null, options.ProgressInterval, options.ProgressInterval);
            }
        }

        public ChannelReader<TryOnCatalogueItem<TRequest>> Output => _output.Reader;

        /// <summary>Everything stops: reading, waiting and polling (the caller cancelled, or stopped reading).</summary>
        private CancellationToken Stopping => _stop.Token;

        /// <summary>No new look is read or submitted (a failure every later submit would meet); tasks already paid for are still polled to their end.</summary>
        private CancellationToken Halting => _halt.Token;

        /// <summary>Reads the looks, starts each under a slot, and completes the output when every look in flight has ended.</summary>
        public async Task PumpAsync(IAsyncEnumerable<TryOnCatalogueLook<TRequest>> looks)
        {
            await Task.Yield();
            try
            {
                await foreach (TryOnCatalogueLook<TRequest> look in looks.WithCancellation(Halting).ConfigureAwait(false))
                {
                    if (look is null)
                    {
                        throw new ArgumentException("The catalogue holds a null look.", nameof(looks));
                    }

                    Interlocked.Increment(ref _read);
                    await _slots.WaitAsync(Halting).ConfigureAwait(false);
                    Interlocked.Increment(ref _pending);
                    CatalogueTelemetry.LooksInFlight.Add(1);
                    _ = RunLookAsync(look);
                }
            }
            catch (OperationCanceledException) when (Halting.IsCancellationRequested)
            {
            }
            catch (Exception exception)
            {
                // The catalogue itself failed (a source that throws): the looks in flight are still seen to their end, then it is thrown.
                Fail(exception);
            }

            LookDone();
            await _drained.Task.ConfigureAwait(false);
            _output.Writer.TryComplete();
        }

        /// <summary>Stops reading, waiting and polling; looks that end meanwhile are still yielded, unless the caller stopped reading.</summary>
        public void Stop(bool consumerGone = false)
        {
            try
            {
                _stop.Cancel();
                if (consumerGone)
                {
                    _consumerGone.Cancel();
                }
            }
            catch (ObjectDisposedException)
            {
            }
        }

        public void ThrowIfFailed() => _fatal?.Throw();

        public void Dispose()
        {
            _progressTimer?.Dispose();
            _ownBudget?.Dispose();
#if NET8_0_OR_GREATER
            _pictures?.Dispose();
#endif
            _halt.Dispose();
            _stop.Dispose();
            _consumerGone.Dispose();
        }

        /// <summary>Nothing new is read or submitted past this point; the first failure is what the run throws once it has drained.</summary>
        private void Fail(Exception exception)
        {
            lock (_inFlight)
            {
                _fatal ??= ExceptionDispatchInfo.Capture(exception);
            }

            try
            {
                _halt.Cancel();
            }
            catch (ObjectDisposedException)
            {
            }
        }

        private void LookDone()
        {
            if (Interlocked.Decrement(ref _pending) == 0)
            {
                _drained.TrySetResult(true);
            }
        }

        // One look, from its ledger entry to its item. Never throws: its outcome is an item, a fatal failure, or (when stopping) nothing.
        private async Task RunLookAsync(TryOnCatalogueLook<TRequest> look)
        {
            string? key = null;
            try
            {
                if (look.RecordedKey is not { } recorded)
                {
                    await EmitAsync(Item(look, TryOnLookState.Failed, new TryOnLookError(AidgeErrorKind.InvalidInput, look.KeyProblem + " Nothing was sent."), null)).ConfigureAwait(false);
                    return;
                }

                TryOnCatalogueItem<TRequest>? refused = null;
                lock (_inFlight)
                {
                    if (_inFlight.TryGetValue(recorded, out InFlight? first))
                    {
                        if (first.Fingerprint == look.Fingerprint)
                        {
                            // The same look twice in one catalogue: the second is told what became of the first, and paid for once.
                            first.Twins.Add(look);
                            return;
                        }

                        refused = Item(look, TryOnLookState.Failed, new TryOnLookError(
                            AidgeErrorKind.InvalidInput,
                            "The key '" + look.Key + "' is in use in this run by the look '" + first.Key + "', which sends another request (keys are compared " +
                            "after Unicode NFC and ignoring case); a key is one look, paid for once. Give the other look a key of its own. Nothing was sent."), null);
                    }
                    else
                    {
                        _inFlight.Add(recorded, new InFlight(look.Key, look.Fingerprint));
                        key = recorded;
                    }
                }

                if (refused is not null)
                {
                    await EmitAsync(refused).ConfigureAwait(false);
                    return;
                }

                TryOnCatalogueItem<TRequest>? item = await ResolveAsync(look, recorded).ConfigureAwait(false);
                if (item is { State: TryOnLookState.Finished } && _options.Pictures is not null)
                {
                    item = await SavePicturesAsync(look, recorded, item).ConfigureAwait(false);
                }
                if (item is not null)
                {
                    await EmitAsync(item).ConfigureAwait(false);
                }

                List<TryOnCatalogueLook<TRequest>> twins;
                lock (_inFlight)
                {
                    twins = _inFlight[recorded].Twins;
                    _inFlight.Remove(recorded);
                    key = null;
                }

                if (item is not null)
                {
                    foreach (TryOnCatalogueLook<TRequest> twin in twins)
                    {
                        await EmitAsync(new TryOnCatalogueItem<TRequest>(twin.Key, twin.Request, item.State, item.Pictures, item.Error, item.TaskId, fromLedger: true, item.SavedPictures)).ConfigureAwait(false);
                    }
                }
            }
            catch (OperationCanceledException) when (Stopping.IsCancellationRequested || Halting.IsCancellationRequested || _consumerGone.IsCancellationRequested)
            {
            }
            catch (Exception exception)
            {
                // A ledger that cannot be read or written, or a bug: nothing more can be promised, so nothing more is paid for.
                Fail(exception);
            }
            finally
            {
                if (key is not null)
                {
                    lock (_inFlight)
                    {
                        _inFlight.Remove(key);
                    }
                }

                _slots.Release();
                CatalogueTelemetry.LooksInFlight.Add(-1);
                LookDone();
            }
        }

        private async Task EmitAsync(TryOnCatalogueItem<TRequest> item)
        {
            switch (item.State)
            {
                case TryOnLookState.Finished:
                    Interlocked.Increment(ref _finished);
                    break;
                case TryOnLookState.Failed:
                    Interlocked.Increment(ref _failed);
                    break;
                case TryOnLookState.StillRunning:
                    Interlocked.Increment(ref _stillRunning);
                    break;
                default:
                    Interlocked.Increment(ref _inDoubt);
                    break;
            }

            if (item.FromLedger)
            {
                Interlocked.Increment(ref _fromLedger);
            }

            CatalogueTelemetry.Ended(item.State, item.FromLedger);

            await _output.Writer.WriteAsync(item, _consumerGone.Token).ConfigureAwait(false);
        }

        private static TryOnCatalogueItem<TRequest> Item(TryOnCatalogueLook<TRequest> look, TryOnLookState state, TryOnLookError error, string? taskId, bool fromLedger = false) =>
            new(look.Key, look.Request, state, NoPictures, error, taskId, fromLedger);

        /// <summary>A key in flight: the look that holds it, and the looks given the same key and request meanwhile.</summary>
        private sealed class InFlight
        {
            public InFlight(string key, string fingerprint)
            {
                Key = key;
                Fingerprint = fingerprint;
            }

            public string Key { get; }

            public string Fingerprint { get; }

            public List<TryOnCatalogueLook<TRequest>> Twins { get; } = new();
        }
    }
}
