using System;
using System.Collections.Generic;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Aidge.Declarative.Catalogue
{
    /// <summary>
    /// Saving a finished look's pictures: under a claim of the look (so that one run saves them), only those not saved already, and
    /// recorded in the ledger once written, whatever came of each. Free, so it goes on while the run halts; only a stop ends it.
    /// </summary>
    internal sealed partial class CatalogueExecution<TRequest>
    {
        private async Task<TryOnCatalogueItem<TRequest>> SavePicturesAsync(TryOnCatalogueLook<TRequest> look, string key, TryOnCatalogueItem<TRequest> item)
        {
#if NET8_0_OR_GREATER
            if (_pictures is not { } downloader || item.Pictures.Count == 0)
            {
                return item;
            }

            // How many of the recorded pictures, from the first, were just found whole: all of them, and there is nothing to do.
            int checkedWhole = await CountStillSavedAsync(item.SavedPictures, item.Pictures.Count).ConfigureAwait(false);
            if (checkedWhole == item.Pictures.Count)
            {
                return item;
            }

            TryOnLedgerClaim claim = await WriteAsync(() => _ledger.ClaimAsync(key, evenIfEnded: true, Stopping), look.Key, "its claim").ConfigureAwait(false);
            if (!claim.IsHeld)
            {
                // Another run holds the look: it saves them.
                return item;
            }

            using var keeper = new ClaimKeeper(_ledger, claim, _time);
            try
            {
                if (claim.Entry is not { State: TryOnLedgerState.Finished } entry || entry.Fingerprint != look.Fingerprint || entry.Pictures.Count == 0)
                {
                    return item;
                }

                var saving = new Task<TryOnSavedPicture>[entry.Pictures.Count];
                string name = PictureName(key, entry.TaskId);
                var before = new TryOnSavedPicture?[saving.Length];
                for (int i = 0; i < saving.Length; i++)
                {
                    before[i] = entry.SavedPictures.Count == 0 ? null : entry.SavedPictures[i];

                    // A picture found whole a moment ago, recorded the same under the claim, is not read from the store again.
                    bool knownWhole = i < checkedWhole && before[i] is { } recordedThen && recordedThen.Equals(item.SavedPictures[i]);
                    saving[i] = knownWhole
                        ? Task.FromResult(before[i]!)
                        : SavePictureAsync(downloader, look.Key, i + 1, entry.Pictures[i].Url, name + "_" + (i + 1).ToString(CultureInfo.InvariantCulture), before[i]);
                }

                TryOnSavedPicture[] saved = await Task.WhenAll(saving).ConfigureAwait(false);

                // The ledger keeps the last save of a picture that could not be fetched again: a run given the wrong folder, once the
                // URLs have expired, must not make the seller's pictures elsewhere unfindable. This run reports it not saved.
                var recorded = new TryOnSavedPicture[saved.Length];
                for (int i = 0; i < saved.Length; i++)
                {
                    recorded[i] = !saved[i].IsSaved && before[i] is { IsSaved: true } kept ? kept : saved[i];
                }

                var updated = new TryOnLedgerEntry(
                    entry.Key, entry.Fingerprint, entry.State, entry.TaskId, entry.Edition, entry.Pictures, entry.Error, _time.GetUtcNow(), entry.SubmittedAt, entry.TaskAttached, recorded);
                await SaveAsync(claim, keeper, updated, look.Key, "its saved pictures").ConfigureAwait(false);
                for (int i = 0; i < saved.Length; i++)
                {
                    if (saved[i].IsSaved)
                    {
                        // Only what this run wrote: a picture still whole from an earlier run is not counted again.
                        if (!ReferenceEquals(saved[i], before[i]))
                        {
                            Interlocked.Increment(ref _picturesSaved);
                        }
                    }
                    else
                    {
                        Interlocked.Increment(ref _picturesNotSaved);
                        CatalogueLog.PictureNotSaved(_logger, look.Key, i + 1, saved[i].Problem!, null);
                    }
                }

                return new TryOnCatalogueItem<TRequest>(item.Key, item.Request, item.State, entry.Pictures, item.Error, item.TaskId, item.FromLedger, saved);
            }
            catch (ClaimLostException)
            {
                // Another run took the look meanwhile (this one paused past its lease): what it records stands.
                return item;
            }
            finally
            {
                if (!keeper.Released)
                {
                    await ReleaseAsync(claim).ConfigureAwait(false);
                }
            }
#else
            await Task.CompletedTask.ConfigureAwait(false);
            return item;
#endif
        }

#if NET8_0_OR_GREATER
        // A picture saved before and still whole in the store is kept; any other is fetched (again), and one that was saved but is
        // no longer there as recorded is said so: missing, changed on the disk, or another store given.
        private async Task<TryOnSavedPicture> SavePictureAsync(PictureDownloader downloader, string key, int number, string url, string name, TryOnSavedPicture? before)
        {
            if (before is not { IsSaved: true })
            {
                return await downloader.SaveAsync(url, name, Stopping).ConfigureAwait(false);
            }

            if (await _options.Pictures!.Store.IsStillSavedAsync(before, Stopping).ConfigureAwait(false))
            {
                return before;
            }

            CatalogueLog.PictureNoLongerSaved(_logger, key, number, before.Location!, _options.Pictures.Store.ToString()!, null);
            TryOnSavedPicture again = await downloader.SaveAsync(url, name, Stopping).ConfigureAwait(false);
            return again.IsSaved
                ? again
                : TryOnSavedPicture.NotSaved(
                    "it was saved as " + before.Location + ", which is no longer in " + _options.Pictures.Store + " as it was recorded (the ledger keeps that record), and " + again.Problem,
                    again.At);
        }

        // The recorded pictures still whole in the store, counted from the first up to the first that is not (0 when none is recorded).
        private async Task<int> CountStillSavedAsync(IReadOnlyList<TryOnSavedPicture> saved, int pictures)
        {
            if (saved.Count != pictures)
            {
                return 0;
            }

            int whole = 0;
            while (whole < saved.Count && saved[whole].IsSaved && await _options.Pictures!.Store.IsStillSavedAsync(saved[whole], Stopping).ConfigureAwait(false))
            {
                whole++;
            }

            return whole;
        }
#endif

        /// <summary>
        /// The name a look's pictures are saved under, before their number and extension: the recorded key's ASCII letters, digits and
        /// '-' (others made '_', at most 60), then 16 hex digits of the SHA-256 of the key and the task that made them. Two keys that
        /// read alike never share a file, nor do two catalogues' looks of one key (their tasks differ), in one folder or at once.
        /// </summary>
        internal static string PictureName(string recordedKey, string? taskId)
        {
            var name = new StringBuilder(80);
            foreach (char c in recordedKey)
            {
                if (name.Length == 60)
                {
                    break;
                }

                name.Append(c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' ? c : '_');
            }

            byte[] named = Encoding.UTF8.GetBytes(recordedKey + "\n" + taskId);
            byte[] hash;
#if NET8_0_OR_GREATER
            hash = SHA256.HashData(named);
#else
            using (var sha = SHA256.Create())
            {
                hash = sha.ComputeHash(named);
            }
#endif
            name.Append('_').Append(PictureHash.Hex(hash), 0, 16);
            return name.ToString();
        }
    }
}
