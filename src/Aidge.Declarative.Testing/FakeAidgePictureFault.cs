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
    }

    /// <summary>Something the fake server does instead of serving a picture, to test what saves pictures.</summary>
    public sealed class FakeAidgePictureFault
    {
        private FakeAidgePictureFault(FakeAidgePictureFaultKind kind, long length = 0, Uri? location = null)
        {
            Kind = kind;
            Length = length;
            Location = location;
        }

        /// <summary>What the fault does.</summary>
        public FakeAidgePictureFaultKind Kind { get; }

        /// <summary>For <see cref="FakeAidgePictureFaultKind.TooLarge"/>: how many bytes are sent.</summary>
        public long Length { get; }

        /// <summary>For <see cref="FakeAidgePictureFaultKind.Redirect"/>: where to.</summary>
        public Uri? Location { get; }

        /// <summary>404 Not Found.</summary>
        public static FakeAidgePictureFault NotFound() => new(FakeAidgePictureFaultKind.NotFound);

        /// <summary>An HTML page with <c>Content-Type: image/jpeg</c>.</summary>
        public static FakeAidgePictureFault NotAnImage() => new(FakeAidgePictureFaultKind.NotAnImage);

        /// <summary>A PNG's first bytes, then zeros, <paramref name="length"/> bytes in all, streamed.</summary>
        public static FakeAidgePictureFault TooLarge(long length) =>
            length > 0 ? new(FakeAidgePictureFaultKind.TooLarge, length) : throw new ArgumentOutOfRangeException(nameof(length), "A length is positive.");

        /// <summary>302 to <paramref name="location"/> (a private address, plain http, the picture itself for a loop).</summary>
        public static FakeAidgePictureFault RedirectTo(Uri location) => new(FakeAidgePictureFaultKind.Redirect, location: location ?? throw new ArgumentNullException(nameof(location)));
    }
}
