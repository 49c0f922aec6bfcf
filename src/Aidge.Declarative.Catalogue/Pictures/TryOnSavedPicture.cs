using System;

namespace Aidge.Declarative.Catalogue
{
    /// <summary>
    /// What became of saving one picture of a finished look: where it was saved, its length and SHA-256, or why it was not. The
    /// ledger records it beside the picture (<see cref="TryOnLedgerEntry.SavedPictures"/>), so that a later run fetches only what is
    /// missing, with no paid call.
    /// </summary>
    public sealed class TryOnSavedPicture : IEquatable<TryOnSavedPicture>
    {
        private TryOnSavedPicture(string? location, long length, string? sha256, string? problem, DateTimeOffset at)
        {
            Location = location;
            Length = length;
            Sha256 = sha256;
            Problem = problem;
            At = DateTimeOffset.FromUnixTimeMilliseconds(at.ToUnixTimeMilliseconds());
        }

        /// <summary>Where the picture was saved (what <see cref="ITryOnPictureWrite.CommitAsync"/> returned); null when it was not.</summary>
        public string? Location { get; }

        /// <summary>How many bytes were saved; 0 when none were.</summary>
        public long Length { get; }

        /// <summary>The saved bytes' SHA-256, in lower-case hex; null when none were saved.</summary>
        public string? Sha256 { get; }

        /// <summary>Why the picture was not saved; null when it was.</summary>
        public string? Problem { get; }

        /// <summary>When it was saved, or when saving it failed, in UTC to the millisecond (as the ledger keeps it).</summary>
        public DateTimeOffset At { get; }

        /// <summary>Whether the picture was saved.</summary>
        public bool IsSaved => Location is not null;

        /// <summary>A picture saved at <paramref name="location"/>.</summary>
        /// <exception cref="ArgumentException">The hash is not 64 lower-case hex digits, or the length is negative.</exception>
        public static TryOnSavedPicture Saved(string location, long length, string sha256, DateTimeOffset at)
        {
            if (location is null)
            {
                throw new ArgumentNullException(nameof(location));
            }

            if (sha256 is null)
            {
                throw new ArgumentNullException(nameof(sha256));
            }

            if (length < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(length), length, "A length is not negative.");
            }

            if (sha256.Length != 64 || !IsLowerHex(sha256))
            {
                throw new ArgumentException("A SHA-256 is 64 lower-case hex digits.", nameof(sha256));
            }

            return new TryOnSavedPicture(location, length, sha256, null, at);
        }

        /// <summary>A picture that could not be saved, and why.</summary>
        public static TryOnSavedPicture NotSaved(string problem, DateTimeOffset at) =>
            new(null, 0, null, problem ?? throw new ArgumentNullException(nameof(problem)), at);

        /// <inheritdoc/>
        public bool Equals(TryOnSavedPicture? other) =>
            other is not null && Location == other.Location && Length == other.Length && Sha256 == other.Sha256 && Problem == other.Problem && At == other.At;

        /// <inheritdoc/>
        public override bool Equals(object? obj) => Equals(obj as TryOnSavedPicture);

        /// <inheritdoc/>
        public override int GetHashCode() => (Location ?? Problem ?? string.Empty).GetHashCode() ^ Length.GetHashCode();

        /// <inheritdoc/>
        public override string ToString() => IsSaved
            ? "TryOnSavedPicture { Location = " + Location + ", Length = " + Length + " }"
            : "TryOnSavedPicture { Problem = " + Problem + " }";

        private static bool IsLowerHex(string text)
        {
            foreach (char c in text)
            {
                if (c is not ((>= '0' and <= '9') or (>= 'a' and <= 'f')))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
