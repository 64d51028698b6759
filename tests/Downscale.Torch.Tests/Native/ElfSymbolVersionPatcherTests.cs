using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using System.Text;
using Downscale.Tests;
using Downscale.Torch.Native;

namespace Downscale.Torch.Tests.Native;

[SupportedOSPlatform("linux")] // the test project runs on linux-x64 only (Directory.Build.targets)
public sealed partial class ElfSymbolVersionPatcherTests : IDisposable
{
    private static readonly ElfSymbolVersionPatcher SystemLacksVersion = new(_ => false);
    private static readonly ElfSymbolVersionPatcher SystemHasVersion = new(_ => true);
    private readonly string folder = TestPaths.NewTempFolder();

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void Patch_SystemLacksVersion_FlipsOnlyTheWeakBitOfThatVernaux()
    {
        string path = TorchSharpShim.CopyToTemp(folder);
        byte[] before = File.ReadAllBytes(path);

        Assert.Equal(SymbolVersionPatchResult.Patched, SystemLacksVersion.Patch(path));

        byte[] after = File.ReadAllBytes(path);
        Assert.Equal(before.Length, after.Length);
        int[] changed = Enumerable.Range(0, before.Length).Where(i => before[i] != after[i]).ToArray();
        Assert.Equal([TorchSharpShim.FlagsOffset], changed);
        Assert.Equal(0x02, before[TorchSharpShim.FlagsOffset] ^ after[TorchSharpShim.FlagsOffset]);
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(path)!)); // no temporary file left behind
        Assert.Equal(0, File.ReadAllBytes(TorchSharpShim.CachedOriginal)[TorchSharpShim.FlagsOffset]); // the cache stays pristine
    }

    [Fact]
    public void Patch_Twice_SecondCallReportsAlreadyPatchedAndWritesNothing()
    {
        string path = TorchSharpShim.CopyToTemp(folder);
        SystemLacksVersion.Patch(path);
        byte[] patched = File.ReadAllBytes(path);
        var stamp = new DateTime(2021, 3, 4, 5, 6, 7, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(path, stamp);

        Assert.Equal(SymbolVersionPatchResult.AlreadyPatched, SystemLacksVersion.Patch(path));

        Assert.Equal(patched, File.ReadAllBytes(path));
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(path));
    }

    [Fact]
    public void Patch_SystemHasVersion_IsNotNeededAndLeavesTheFileAlone()
    {
        string path = TorchSharpShim.CopyToTemp(folder);
        byte[] before = File.ReadAllBytes(path);
        DateTime written = File.GetLastWriteTimeUtc(path);

        Assert.Equal(SymbolVersionPatchResult.NotNeeded, SystemHasVersion.Patch(path));

        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(written, File.GetLastWriteTimeUtc(path));
    }

    [Fact]
    public void Patch_KeepsLastWriteTimeAndPermissions()
    {
        string path = TorchSharpShim.CopyToTemp(folder);
        var stamp = new DateTime(2020, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        const UnixFileMode mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead;
        File.SetUnixFileMode(path, mode);
        File.SetLastWriteTimeUtc(path, stamp);

        SystemLacksVersion.Patch(path);

        Assert.Equal(stamp, File.GetLastWriteTimeUtc(path));
        Assert.Equal(mode, File.GetUnixFileMode(path));
    }

    [Fact]
    public void Patch_HardLinkedFile_ReplacesTheLinkAndNeverWritesThroughIt()
    {
        string cacheStandIn = TorchSharpShim.CopyToTemp(folder);
        string linked = Path.Combine(folder, "linked.so");
        Assert.Equal(0, Link(cacheStandIn, linked));

        Assert.Equal(SymbolVersionPatchResult.Patched, SystemLacksVersion.Patch(linked));

        Assert.Equal(File.ReadAllBytes(TorchSharpShim.CachedOriginal), File.ReadAllBytes(cacheStandIn));
        Assert.Equal(0x02, File.ReadAllBytes(linked)[TorchSharpShim.FlagsOffset]);
    }

    [Fact]
    public void Patch_LibraryWithoutTheVersion_IsNotNeeded()
    {
        // libc10.so of the same libtorch asks nothing newer than GLIBCXX_3.4.30.
        string libc10 = Path.Combine(AppContext.BaseDirectory, "libc10.so");
        string path = Path.Combine(folder, "libc10.so");
        File.Copy(libc10, path);

        Assert.Equal(SymbolVersionPatchResult.NotNeeded, SystemLacksVersion.Patch(path));
        Assert.Equal(File.ReadAllBytes(libc10), File.ReadAllBytes(path));
    }

    [Fact]
    public void Patch_TruncatedFile_IsRefusedAndUntouched()
    {
        string path = TorchSharpShim.CopyToTemp(folder);
        File.WriteAllBytes(path, File.ReadAllBytes(path)[..(1 << 20)]);

        var error = AssertRefused(path);
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Patch_NonElfFile_IsRefusedAndUntouched()
    {
        string path = Path.Combine(folder, "libLibTorchSharp.so");
        File.WriteAllText(path, "INPUT(-lstdc++)\n"); // a linker script, as libfoo.so sometimes is

        var error = AssertRefused(path);
        Assert.Contains("not an ELF file", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(4, 1, "32-bit")]
    [InlineData(5, 2, "big-endian")]
    public void Patch_OtherElfClassOrByteOrder_IsRefusedAndUntouched(int identOffset, byte value, string expected)
    {
        string path = TorchSharpShim.CopyToTemp(folder);
        TorchSharpShim.Poke(path, identOffset, value);

        var error = AssertRefused(path);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Patch_VersionBoundToAnotherSymbolName_IsRefusedAndUntouched()
    {
        string path = TorchSharpShim.CopyToTemp(folder);
        byte[] bytes = File.ReadAllBytes(path);
        int name = bytes.AsSpan().IndexOf(Encoding.ASCII.GetBytes(ElfSymbolVersionPatcher.MarkerSymbol + "\0"));
        Assert.True(name > 0);
        TorchSharpShim.Poke(path, name + ElfSymbolVersionPatcher.MarkerSymbol.Length - 1, (byte)'w'); // ..._initw, in .dynstr

        var error = AssertRefused(path);
        Assert.Contains("_ZSt21ios_base_library_initw", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Patch_SecondSymbolBoundToTheVersion_IsRefusedAndUntouched()
    {
        string path = TorchSharpShim.CopyToTemp(folder);
        TorchSharpShim.Poke(path, TorchSharpShim.VersymOffset + (2 * TorchSharpShim.OtherSymbolIndex), 18, 0);

        var error = AssertRefused(path);
        Assert.Contains("binds 2 dynamic symbols", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Patch_RelocationReferringToTheMarker_IsRefusedAndUntouched()
    {
        string path = TorchSharpShim.CopyToTemp(folder);
        TorchSharpShim.Poke(path, TorchSharpShim.FirstPltRelocationInfo + 4, BitConverter.GetBytes(TorchSharpShim.MarkerSymbolIndex));

        var error = AssertRefused(path);
        Assert.Contains(".rela.plt", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SystemLibStdCxx_LdLibraryPathComesFirst_AndVersionsAreReadFromVerdefs()
    {
        File.Copy(TorchSharpShim.CachedOriginal, Path.Combine(folder, "libstdc++.so.6"));
        Assert.Equal(Path.Combine(folder, "libstdc++.so.6"), SystemLibStdCxx.Locate($"/nonexistent:{folder}"));

        string system = SystemLibStdCxx.Locate(null) ?? throw new InvalidOperationException("No libstdc++.so.6 on this machine.");
        HashSet<string> versions = SystemLibStdCxx.ReadDefinedVersions(system);
        Assert.Contains("GLIBCXX_3.4", versions);
        Assert.Contains("CXXABI_1.3", versions);
        Assert.DoesNotContain("libstdc++.so.6", versions); // the base definition is the soname, not a version
        Assert.Equal(versions.Contains(ElfSymbolVersionPatcher.TargetVersion), SystemLibStdCxx.Provides(ElfSymbolVersionPatcher.TargetVersion));
    }

    private static ElfPatchRefusedException AssertRefused(string path)
    {
        byte[] before = File.ReadAllBytes(path);
        DateTime written = File.GetLastWriteTimeUtc(path);
        var error = Assert.Throws<ElfPatchRefusedException>(() => SystemLacksVersion.Patch(path));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(written, File.GetLastWriteTimeUtc(path));
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(path)!));
        return error;
    }

    [LibraryImport("libc.so.6", EntryPoint = "link", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Link(string existing, string created);
}
