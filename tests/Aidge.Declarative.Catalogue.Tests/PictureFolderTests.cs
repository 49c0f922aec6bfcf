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
        public async Task What_a_killed_write_left_of_a_name_is_removed_by_the_next_write_of_that_name()
        {
            var folder = new TryOnPictureFolder(_path);
            string partials = Directory.CreateDirectory(Path.Combine(_path, TryOnPictureFolder.PartialFolder)).FullName;
            File.WriteAllBytes(Path.Combine(partials, "SKU-1_0011223344556677_1.png.0123456789abcdef0123456789abcdef.partial"), new byte[100_000]);
            File.WriteAllBytes(Path.Combine(partials, "SKU-9_0011223344556677_1.png.0123456789abcdef0123456789abcdef.partial"), new byte[10]);

            string location;
            await using (ITryOnPictureWrite write = await folder.CreateAsync("SKU-1_0011223344556677_1.png"))
            {
                await write.Content.WriteAsync(new byte[] { 1, 2, 3 });
                location = await write.CommitAsync();
            }

            Assert.Equal("SKU-1_0011223344556677_1.png", location);
            Assert.Equal(new byte[] { 1, 2, 3 }, File.ReadAllBytes(folder.GetFullPath(location)));
            Assert.Equal(new[] { "SKU-1_0011223344556677_1.png" }, Directory.GetFiles(_path).Select(Path.GetFileName));
            Assert.Equal(new[] { "SKU-9_0011223344556677_1.png.0123456789abcdef0123456789abcdef.partial" }, Directory.GetFiles(partials).Select(Path.GetFileName));
            string sha256 = Convert.ToHexString(SHA256.HashData(new byte[] { 1, 2, 3 })).ToLowerInvariant();
            DateTimeOffset at = DateTimeOffset.UnixEpoch;
            Assert.True(await folder.IsStillSavedAsync(TryOnSavedPicture.Saved(location, 3, sha256, at)));
            Assert.False(await folder.IsStillSavedAsync(TryOnSavedPicture.Saved(location, 4, sha256, at)));
            Assert.False(await folder.IsStillSavedAsync(TryOnSavedPicture.Saved(location, 3, new string('0', 64), at)));
            Assert.False(await folder.IsStillSavedAsync(TryOnSavedPicture.Saved("gone.png", 3, sha256, at)));
        }

        [Fact]
        public async Task A_second_writer_of_a_name_takes_it_over_the_first_fails_to_commit_and_the_name_ends_whole()
        {
            var folder = new TryOnPictureFolder(_path);
            await using ITryOnPictureWrite first = await folder.CreateAsync("SKU-2_0011223344556677_1.png");
            await first.Content.WriteAsync(new byte[] { 9, 8, 7, 6 });
            await using ITryOnPictureWrite second = await folder.CreateAsync("SKU-2_0011223344556677_1.png");
            await second.Content.WriteAsync(new byte[] { 5, 4 });

            await Assert.ThrowsAnyAsync<IOException>(async () => await first.CommitAsync());
            string location = await second.CommitAsync();

            Assert.Equal(new byte[] { 5, 4 }, File.ReadAllBytes(folder.GetFullPath(location)));
            Assert.Empty(Directory.GetFiles(Path.Combine(_path, TryOnPictureFolder.PartialFolder)));
        }

        [Fact]
        public async Task A_link_left_in_the_folder_never_makes_a_write_land_elsewhere()
        {
            string victim = Path.Combine(_path, "..", Path.GetFileName(_path) + "-victim.txt");
            File.WriteAllText(victim, "precious");
            try
            {
                var folder = new TryOnPictureFolder(_path);
                string partials = Directory.CreateDirectory(Path.Combine(_path, TryOnPictureFolder.PartialFolder)).FullName;
                File.CreateSymbolicLink(Path.Combine(_path, "SKU-4_0011223344556677_1.png"), victim);
                File.CreateSymbolicLink(Path.Combine(partials, "SKU-4_0011223344556677_1.png.partial"), victim);

                await using (ITryOnPictureWrite write = await folder.CreateAsync("SKU-4_0011223344556677_1.png"))
                {
                    await write.Content.WriteAsync(new byte[] { 1, 2 });
                    await write.CommitAsync();
                }

                Assert.Equal("precious", File.ReadAllText(victim));
                var saved = new FileInfo(Path.Combine(_path, "SKU-4_0011223344556677_1.png"));
                Assert.Null(saved.LinkTarget);
                Assert.Equal(2, saved.Length);
            }
            finally
            {
                File.Delete(victim);
            }
        }

        [Fact]
        public async Task A_write_disposed_without_a_commit_leaves_nothing_and_a_bad_name_is_refused()
        {
            var folder = new TryOnPictureFolder(_path);
            await using (ITryOnPictureWrite write = await folder.CreateAsync("SKU-3_0011223344556677_1.png"))
            {
                await write.Content.WriteAsync(new byte[] { 1 });
            }

            Assert.Empty(Directory.GetFiles(_path, "*", SearchOption.AllDirectories));
            foreach (string name in new[] { "", ".hidden", "../up.png", "a/b.png", "sp ace.png", new string('a', 201) })
            {
                await Assert.ThrowsAsync<ArgumentException>(async () => await folder.CreateAsync(name));
            }
        }

        public void Dispose() => Directory.Delete(_path, recursive: true);
    }
}
