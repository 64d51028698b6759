using Downscale.Tests;
using Downscale.Torch.Native;
using static TorchSharp.torch;

namespace Downscale.Torch.Tests.Native;

public sealed class TorchNativeTests : IDisposable
{
    private readonly string folder = TestPaths.NewTempFolder();

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void EnsureLoaded_PatchedOutput_LoadsAndTorchRunsWithoutTheCopyingFallback()
    {
        Parallel.For(0, 16, _ => TorchNative.EnsureLoaded()); // thread-safe; loads once, later calls are no-ops

        using var sum = ones(2, 3).sum();
        Assert.Equal(6f, sum.item<float>());
        Assert.False(Directory.Exists(Path.Combine(AppContext.BaseDirectory, "cpu")), "TorchSharp fell back to copying libtorch into cpu/.");
    }

    [Fact]
    public void LoadShim_UnpatchedCopy_NamesTheMissingVersionAndTheFix()
    {
        // The unpatched shim beside links to this output's libtorch, so only the shim itself can fail.
        TorchSharpShim.CopyToTemp(folder);
        foreach (string library in Directory.GetFiles(AppContext.BaseDirectory, "lib*.so*"))
        {
            if (Path.GetFileName(library) != TorchNative.ShimFileName)
            {
                File.CreateSymbolicLink(Path.Combine(folder, Path.GetFileName(library)), library);
            }
        }

        if (SystemLibStdCxx.Provides(ElfSymbolVersionPatcher.TargetVersion))
        {
            Assert.Equal(Path.Combine(folder, TorchNative.ShimFileName), TorchNative.LoadShim([folder], probeByName: false));
            return;
        }

        var error = Assert.Throws<TorchNativeLoadException>(() => TorchNative.LoadShim([folder], probeByName: false));
        Assert.Contains("version `GLIBCXX_3.4.32' not found", error.LoaderError, StringComparison.Ordinal);
        Assert.Contains("GLIBCXX_3.4.32", error.Message, StringComparison.Ordinal);
        Assert.Contains("dotnet build --no-incremental", error.Message, StringComparison.Ordinal);
        Assert.Equal(Path.Combine(folder, TorchNative.ShimFileName), error.LibraryPath);
        Assert.IsType<DllNotFoundException>(error.InnerException);
    }

    [Fact]
    public void LoadShim_EmptyFolder_NamesTheMissingFileAndTheFoldersSearched()
    {
        var error = Assert.Throws<TorchNativeLoadException>(() => TorchNative.LoadShim([folder], probeByName: false));

        Assert.Contains(TorchNative.ShimFileName, error.Message, StringComparison.Ordinal);
        Assert.Contains(folder, error.Message, StringComparison.Ordinal);
        Assert.Contains("TorchSharp-cpu", error.Message, StringComparison.Ordinal);
        Assert.Null(error.LoaderError);
    }

    [Fact]
    public void LoadShim_NotInTheFolders_FallsBackToTheRuntimesProbingByName()
    {
        // This output holds the patched shim beside TorchSharp.dll, where probing by name looks.
        Assert.Equal("LibTorchSharp", TorchNative.LoadShim([folder], probeByName: true));
    }

    [Theory]
    [InlineData("/usr/lib/x86_64-linux-gnu/libstdc++.so.6: version `GLIBCXX_3.4.32' not found (required by /app/libLibTorchSharp.so)", "GCC 13")]
    [InlineData("libtorch_cpu.so: cannot open shared object file: No such file or directory", "libtorch-cpu-linux-x64")]
    [InlineData("/app/libLibTorchSharp.so: undefined symbol: _ZNK3c105Error4whatEv", "LD_LIBRARY_PATH")]
    public void Explain_NamesTheCauseAndItsFix(string loaderError, string fix)
    {
        string message = TorchNative.Explain("/app/libLibTorchSharp.so", loaderError);

        Assert.Contains(loaderError, message, StringComparison.Ordinal);
        Assert.Contains(fix, message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoaderError_TakesTheDynamicLoaderTextAfterTheRuntimesFirstLine()
    {
        const string runtime = "Unable to load shared library '/a/x.so' or one of its dependencies. Consider LD_DEBUG: \n/a/x.so: cannot open shared object file: No such file or directory";

        Assert.Equal("/a/x.so: cannot open shared object file: No such file or directory", TorchNative.LoaderError(runtime));
        Assert.Equal("plain", TorchNative.LoaderError("plain"));
    }
}
