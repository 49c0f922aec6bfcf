using System;

namespace Aidge.Declarative.Testing
{
    /// <summary>What a picture fault makes the fake server do when a picture is fetched.</summary>
    public enum FakeAidgePictureFaultKind
    {
        /// <summary>404, as a storage link past its expiry answers (<see cref="FakeAidgePictureFault.NotFound"/>).</summary>
        NotFound = 0,

        /// <summary>An HTML page sent as <c>image/jpeg</c> (<see cref="FakeAidgePictureFault.NotAnImage"/>).</summary>
        NotAnImage = 1,

        /// <summary>A body of the given size, starting as a PNG (<see cref="FakeAidgePictureFault.TooLarge"/>).</summary>
        TooLarge = 2,

        /// <summary>A redirect to the given address (<see cref="FakeAidgePictureFault.RedirectTo"/>).</summary>
        Redirect = 3,

        /// <summary>A picture sent a byte at a time, slowly (<see cref="FakeAidgePictureFault.Trickle"/>).</summary>
        Trickle = 4,
    }

    /// <summary>Something the fake server does instead of serving a picture, to test what saves pictures.</summary>
    public sealed class FakeAidgePictureFault
    {
        private FakeAidgePictureFault(FakeAidgePictureFaultKind kind, long length = 0, Uri? location = null, bool declaresLength = true, TimeSpan interval = default)
        {
            Kind = kind;
            Length = length;
            Location = location;
            DeclaresLength = declaresLength;
            Interval = interval;
        }

        /// <summary>What the fault does.</summary>
        public FakeAidgePictureFaultKind Kind { get; }

        /// <summary>For <see cref="FakeAidgePictureFaultKind.TooLarge"/>: how many bytes are sent.</summary>
        public long Length { get; }

        /// <summary>For <see cref="FakeAidgePictureFaultKind.Redirect"/>: where to.</summary>
        public Uri? Location { get; }

        /// <summary>For <see cref="FakeAidgePictureFaultKind.TooLarge"/>: whether the answer says its length (Content-Length) or is sent in chunks.</summary>
        public bool DeclaresLength { get; }

        /// <summary>For <see cref="FakeAidgePictureFaultKind.Trickle"/>: the wait between two bytes.</summary>
        public TimeSpan Interval { get; }

        /// <summary>404 Not Found.</summary>
        public static FakeAidgePictureFault NotFound() => new(FakeAidgePictureFaultKind.NotFound);

        /// <summary>An HTML page with <c>Content-Type: image/jpeg</c>.</summary>
        public static FakeAidgePictureFault NotAnImage() => new(FakeAidgePictureFaultKind.NotAnImage);

        /// <summary>
        /// A PNG's first bytes, then zeros, <paramref name="length"/> bytes in all, streamed; with its Content-Length, or, when
        /// <paramref name="declaresLength"/> is false, in chunks with no length said (so that only counting the bytes finds it too large).
        /// </summary>
        public static FakeAidgePictureFault TooLarge(long length, bool declaresLength = true) =>
            length > 0 ? new(FakeAidgePictureFaultKind.TooLarge, length, declaresLength: declaresLength) : throw new ArgumentOutOfRangeException(nameof(length), "A length is positive.");

        /// <summary>The picture's headers at once, then its bytes one at a time, <paramref name="interval"/> apart: a server too slow to wait for.</summary>
        public static FakeAidgePictureFault Trickle(TimeSpan interval) =>
            interval > TimeSpan.Zero ? new(FakeAidgePictureFaultKind.Trickle, interval: interval) : throw new ArgumentOutOfRangeException(nameof(interval), "An interval is positive.");

        /// <summary>302 to <paramref name="location"/> (a private address, plain http, the picture itself for a loop).</summary>
        public static FakeAidgePictureFault RedirectTo(Uri location) => new(FakeAidgePictureFaultKind.Redirect, location: location ?? throw new ArgumentNullException(nameof(location)));
    }
}
