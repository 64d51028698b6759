namespace Downscale.Torch.Tests.Native;

/// <summary>
/// TorchSharp 0.107.0's libLibTorchSharp.so in the NuGet package cache, and offsets in it read with binutils
/// (<c>readelf -S -V --dyn-syms -r</c>), so the tests check the patcher against an independent reading of the file.
/// </summary>
internal static class TorchSharpShim
{
    public const string PackageVersion = "0.107.0";

    /// <summary>.gnu.version_r at 0x3f8f0; the GLIBCXX_3.4.32 vernaux at +0x140; vna_flags is at +4 in it.</summary>
    public const int FlagsOffset = 0x3FA34;

    /// <summary>.gnu.version at 0x3dfae, one u16 per dynamic symbol.</summary>
    public const int VersymOffset = 0x3DFAE;

    /// <summary>Dynamic symbol 482 is _ZSt21ios_base_library_initv@GLIBCXX_3.4.32 (version index 18).</summary>
    public const int MarkerSymbolIndex = 482;

    /// <summary>Dynamic symbol 12 is bound to GLIBCXX_3.4 (version index 2).</summary>
    public const int OtherSymbolIndex = 12;

    /// <summary>The r_info of the first .rela.plt entry (section at 0x48aa0); its high 32 bits are the symbol index.</summary>
    public const int FirstPltRelocationInfo = 0x48AA8;

    /// <summary>The untouched original in the package cache. Tests only read it.</summary>
    public static string CachedOriginal { get; } = Path.Combine(
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } packages
            ? packages
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"),
        "torchsharp", PackageVersion, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");

    /// <summary>Copies the original into <paramref name="folder"/>; returns the copy's path.</summary>
    public static string CopyToTemp(string folder)
    {
        string path = Path.Combine(folder, "libLibTorchSharp.so");
        File.Copy(CachedOriginal, path);
        return path;
    }

    /// <summary>Edits bytes of a copy in place (for the broken-copy tests).</summary>
    public static void Poke(string path, int offset, params byte[] bytes)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Write);
        stream.Position = offset;
        stream.Write(bytes);
    }
}
