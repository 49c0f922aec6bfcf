using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Threading.Tasks;
using Aidge.Declarative.Catalogue;
using Xunit;

namespace Aidge.Declarative.Tests.Catalogue
{
    /// <summary>The default picture store's promises on its own: a name is whole or absent, whatever another write did to it.</summary>
    public sealed class PictureFolderTests : IDisposable
    {
        private readonly string _path = Directory.CreateTempSubdirectory("aidge-folder-").FullName;

        [Fact]
        public async Task What_a_killed_write_left_is_emptied_and_replaced_by_the_next_write_of_that_name()
        {
            var folder = new TryOnPictureFolder(_path);
            File.WriteAllBytes(Path.Combine(_path, "SKU-1_0011223344556677_1.png.partial"), new byte[100_000]);

            string location;
            await using (ITryOnPictureWrite write = await folder.CreateAsync("SKU-1_0011223344556677_1.png"))
            {
                await write.Content.WriteAsync(new byte[] { 1, 2, 3 });
                location = await write.CommitAsync();
            }

            Assert.Equal("SKU-1_0011223344556677_1.png", location);
            Assert.Equal(new byte[] { 1, 2, 3 }, File.ReadAllBytes(folder.GetFullPath(location)));
            Assert.Equal(new[] { "SKU-1_0011223344556677_1.png" }, Directory.GetFiles(_path).Select(Path.GetFileName));
            string sha256 = Convert.ToHexString(SHA256.HashData(new byte[] { 1, 2, 3 })).ToLowerInvariant();
            DateTimeOffset at = DateTimeOffset.UnixEpoch;
            Assert.True(await folder.IsStillSavedAsync(TryOnSavedPicture.Saved(location, 3, sha256, at)));
            Assert.False(await folder.IsStillSavedAsync(TryOnSavedPicture.Saved(location, 4, sha256, at)));
            Assert.False(await folder.IsStillSavedAsync(TryOnSavedPicture.Saved(location, 3, new string('0', 64), at)));
            Assert.False(await folder.IsStillSavedAsync(TryOnSavedPicture.Saved("gone.png", 3, sha256, at)));
        }

        [Fact]
        public async Task A_second_writer_of_a_name_is_refused_and_the_first_one_s_bytes_are_kept_whole()
        {
            var folder = new TryOnPictureFolder(_path);
            await using ITryOnPictureWrite first = await folder.CreateAsync("SKU-2_0011223344556677_1.png");
            await first.Content.WriteAsync(new byte[] { 9, 8, 7, 6 });
            await first.Content.FlushAsync();

            await Assert.ThrowsAsync<IOException>(async () => await folder.CreateAsync("SKU-2_0011223344556677_1.png"));

            string location = await first.CommitAsync();
            Assert.Equal(new byte[] { 9, 8, 7, 6 }, File.ReadAllBytes(folder.GetFullPath(location)));
        }

        [Fact]
        public async Task A_write_disposed_without_a_commit_leaves_nothing_and_a_bad_name_is_refused()
        {
            var folder = new TryOnPictureFolder(_path);
            await using (ITryOnPictureWrite write = await folder.CreateAsync("SKU-3_0011223344556677_1.png"))
            {
                await write.Content.WriteAsync(new byte[] { 1 });
            }

            Assert.Empty(Directory.GetFiles(_path));
            foreach (string name in new[] { "", ".hidden", "../up.png", "a/b.png", "sp ace.png", new string('a', 201) })
            {
                await Assert.ThrowsAsync<ArgumentException>(async () => await folder.CreateAsync(name));
            }
        }

        public void Dispose() => Directory.Delete(_path, recursive: true);
    }
}
