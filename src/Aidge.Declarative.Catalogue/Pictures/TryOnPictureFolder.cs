using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Aidge.Declarative.Catalogue
{
    /// <summary>
    /// Pictures saved as files in one folder: each written to a new temporary file in its <c>.partial</c> folder, flushed to the
    /// disk, then renamed over its name, so that a file under a picture's name is always whole.
    /// </summary>
    public sealed class TryOnPictureFolder : ITryOnPictureStore
    {
        private const string PartialSuffix = ".partial";

        /// <summary>The folder, inside the pictures' one, of the writes not yet committed.</summary>
        internal const string PartialFolder = ".partial";

        /// <summary>A store in <paramref name="path"/>, created when missing.</summary>
        /// <exception cref="ArgumentException">The path is empty.</exception>
        public TryOnPictureFolder(string path)
        {
            if (path is null)
            {
                throw new ArgumentNullException(nameof(path));
            }

            if (path.Trim().Length == 0)
            {
                throw new ArgumentException("The pictures' folder must be named: its path is empty.", nameof(path));
            }

            Path = System.IO.Path.GetFullPath(path);
        }

        /// <summary>The folder's full path.</summary>
        public string Path { get; }

        /// <inheritdoc/>
        public ValueTask<ITryOnPictureWrite> CreateAsync(string name, CancellationToken cancellationToken = default)
        {
            CheckName(name);
            cancellationToken.ThrowIfCancellationRequested();
            string final = System.IO.Path.Combine(Path, name);

            // Writes in progress live in a folder of their own, each under a new name made with CreateNew, which never opens a file
            // that is there already nor follows a link put in its place: a link left in the folder cannot make a write land
            // elsewhere. Only that small folder is listed, for what a write killed before its rename left of this name (listing
            // the pictures' folder itself would cost a run that saves n pictures n² steps).
            string partials = Directory.CreateDirectory(System.IO.Path.Combine(Path, PartialFolder)).FullName;
            foreach (string left in Directory.EnumerateFiles(partials, name + ".*" + PartialSuffix))
            {
                File.Delete(left);
            }

            string temporary = System.IO.Path.Combine(partials, name + "." + Guid.NewGuid().ToString("N") + PartialSuffix);
            var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous);
            return new ValueTask<ITryOnPictureWrite>(new Write(stream, temporary, final));
        }

        /// <inheritdoc/>
        /// <remarks>The file's length is compared first; its SHA-256 is then computed from the disk.</remarks>
        public async ValueTask<bool> IsStillSavedAsync(TryOnSavedPicture picture, CancellationToken cancellationToken = default)
        {
            if (picture is null)
            {
                throw new ArgumentNullException(nameof(picture));
            }

            if (!picture.IsSaved)
            {
                return false;
            }

            var file = new FileInfo(GetFullPath(picture.Location!));
            if (!file.Exists || file.Length != picture.Length)
            {
                return false;
            }

            try
            {
                using var stream = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);
                return string.Equals(await PictureHash.OfAsync(stream, cancellationToken).ConfigureAwait(false), picture.Sha256, StringComparison.OrdinalIgnoreCase);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // Gone or unreadable since it was looked at: not there, so fetched again.
                return false;
            }
        }

        /// <summary>
        /// The full path of a picture's <see cref="TryOnSavedPicture.Location"/>: its file's name in this folder (a full path, as
        /// recorded by an earlier version, is returned as it is).
        /// </summary>
        public string GetFullPath(string location)
        {
            if (location is null)
            {
                throw new ArgumentNullException(nameof(location));
            }

            return System.IO.Path.Combine(Path, location);
        }

        /// <summary>The folder as messages name it: <c>the folder /path/to/pictures</c>.</summary>
        public override string ToString() => "the folder " + Path;

        private static void CheckName(string name)
        {
            if (name is null)
            {
                throw new ArgumentNullException(nameof(name));
            }

            bool valid = name.Length is > 0 and <= 200 && name[0] != '.';
            foreach (char c in name)
            {
                valid &= c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' or '_' or '.';
            }

            if (!valid)
            {
                throw new ArgumentException("A picture's name is 1 to 200 letters, digits, '-', '_' and '.', not starting with '.'.", nameof(name));
            }
        }

        private sealed class Write : ITryOnPictureWrite
        {
            private readonly FileStream _stream;
            private readonly string _temporary;
            private readonly string _final;
            private bool _committed;

            public Write(FileStream stream, string temporary, string final)
            {
                _stream = stream;
                _temporary = temporary;
                _final = final;
            }

            public Stream Content => _stream;

            public async ValueTask<string> CommitAsync(CancellationToken cancellationToken = default)
            {
                await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                _stream.Flush(flushToDisk: true);
                _stream.Dispose();
#if NET8_0_OR_GREATER
                File.Move(_temporary, _final, overwrite: true);
#else
                if (File.Exists(_final))
                {
                    File.Replace(_temporary, _final, destinationBackupFileName: null);
                }
                else
                {
                    File.Move(_temporary, _final);
                }
#endif
                _committed = true;
                return System.IO.Path.GetFileName(_final);
            }

            public ValueTask DisposeAsync()
            {
                try
                {
                    // What is still buffered is flushed here, and may fail as the write did (a full disk): the file goes all the same.
                    _stream.Dispose();
                }
                catch (IOException) when (!_committed)
                {
                }

                if (!_committed)
                {
                    try
                    {
                        File.Delete(_temporary);
                    }
                    catch (IOException)
                    {
                        // Left for the next write of this name to remove.
                    }
                    catch (UnauthorizedAccessException)
                    {
                    }
                }

                return default;
            }
        }
    }
}
