using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Aidge.Declarative.Catalogue
{
    /// <summary>
    /// Where a catalogue run keeps the pictures it saves (<see cref="TryOnPictureOptions.Store"/>). <see cref="TryOnPictureFolder"/>, a
    /// folder on disk, is the default; implement this to keep them in storage of your own.
    /// </summary>
    /// <remarks>
    /// A picture is written whole or not at all: <see cref="CreateAsync"/> opens a write that nothing can see under its name until
    /// <see cref="ITryOnPictureWrite.CommitAsync"/>; a write disposed without a commit (a picture too large, a connection lost, a
    /// run stopped) leaves nothing behind. The run writes each name from one place at a time (under its claim of the look), and
    /// records where each picture went, its length and its SHA-256 in the ledger once it is committed.
    /// </remarks>
    public interface ITryOnPictureStore
    {
        /// <summary>Starts writing the picture <paramref name="name"/>, replacing one of that name once committed.</summary>
        /// <param name="name">
        /// The picture's name: the look's key made safe for a file name, a hash of the key (two keys never share a name), the
        /// picture's number and its format's extension, as in <c>SKU-1_3f0c9a2b4d5e6f70_1.png</c>. Letters, digits, '-', '_' and '.' only.
        /// </param>
        /// <param name="cancellationToken">Cancels the call.</param>
        ValueTask<ITryOnPictureWrite> CreateAsync(string name, CancellationToken cancellationToken = default);

        /// <summary>
        /// Whether <paramref name="picture"/>, as a run recorded it, is still in the store and whole: at its
        /// <see cref="TryOnSavedPicture.Location"/> (what <see cref="ITryOnPictureWrite.CommitAsync"/> returned), with its
        /// <see cref="TryOnSavedPicture.Length"/> and its <see cref="TryOnSavedPicture.Sha256"/>. A run fetches again only the
        /// pictures for which this is false, so a picture changed in place, or another's under its name, is never taken for it.
        /// </summary>
        /// <param name="picture">A saved picture (<see cref="TryOnSavedPicture.IsSaved"/>).</param>
        /// <param name="cancellationToken">Cancels the call.</param>
        ValueTask<bool> IsStillSavedAsync(TryOnSavedPicture picture, CancellationToken cancellationToken = default);
    }

    /// <summary>One picture being written to an <see cref="ITryOnPictureStore"/>: disposing it without <see cref="CommitAsync"/> discards it.</summary>
    public interface ITryOnPictureWrite : IAsyncDisposable
    {
        /// <summary>Where the picture's bytes are written.</summary>
        Stream Content { get; }

        /// <summary>
        /// Makes the picture whole and durable under its name, and returns where it is, as the store finds it again (for a folder, the
        /// file's name in it, so that the folder can be moved): the run records it as <see cref="TryOnSavedPicture.Location"/>.
        /// </summary>
        ValueTask<string> CommitAsync(CancellationToken cancellationToken = default);
    }
}
