using System.Runtime.InteropServices;
using TorchSharp;

namespace Downscale.Torch.Native;

/// <summary>
/// Loads TorchSharp's native shim (<c>libLibTorchSharp.so</c>) from the application folder before our code first touches
/// <c>torch.*</c>, so that a failure surfaces as a <see cref="TorchNativeLoadException"/> naming the loader's real reason.
/// </summary>
/// <remarks>
/// Left to itself, TorchSharp reports any load failure as "doesn't contain a reference to libtorch-cpu-linux-x64" and,
/// before that, copies all of libtorch (about 480 MB) into a <c>cpu/</c> folder of the application as a fallback. Once
/// the shim is loaded here, TorchSharp's own probing finds it loaded and neither happens. Only Linux needs this: the
/// libstdc++ problem (see <see cref="ElfSymbolVersionPatcher"/>) exists only there, so elsewhere this is a no-op.
/// </remarks>
public static class TorchNative
{
    /// <summary>The file name of TorchSharp's native shim on Linux.</summary>
    public const string ShimFileName = "libLibTorchSharp.so";

    private static readonly Lock Gate = new();
    private static volatile bool loaded;
    private static TorchNativeLoadException? failure;

    /// <summary>Loads the shim once per process; later calls cost one volatile read.</summary>
    /// <exception cref="TorchNativeLoadException">The shim or a library it needs cannot be loaded; the message says why and how to fix it.</exception>
    public static void EnsureLoaded()
    {
        if (loaded)
        {
            return;
        }

        lock (Gate)
        {
            if (loaded)
            {
                return;
            }

            if (failure != null)
            {
                // A failed dlopen does not heal within a process: report the first diagnosis again, with a fresh stack.
                throw new TorchNativeLoadException(failure.Message, failure.LibraryPath, failure.LoaderError, failure);
            }

            if (OperatingSystem.IsLinux())
            {
                try
                {
                    LoadShim(DefaultSearchFolders(), probeByName: true);
                }
                catch (TorchNativeLoadException e)
                {
                    failure = e;
                    throw;
                }
            }

            loaded = true;
        }
    }

    /// <summary>
    /// Loads the first shim found in <paramref name="folders"/> (directly or under <c>runtimes/linux-ARCH/native</c>) and
    /// returns its path; when none exists and <paramref name="probeByName"/> is set, lets the runtime's own probing try by
    /// name (deps.json and the default search; it never runs TorchSharp's copying fallback).
    /// </summary>
    /// <exception cref="TorchNativeLoadException">Nothing could be loaded; the message names the cause.</exception>
    internal static string LoadShim(IEnumerable<string> folders, bool probeByName)
    {
        string nativeFolder = Path.Combine("runtimes", $"linux-{RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant()}", "native");
        var searched = folders.Distinct(StringComparer.Ordinal).ToList();
        string? path = searched
            .SelectMany(folder => new[] { Path.Combine(folder, ShimFileName), Path.Combine(folder, nativeFolder, ShimFileName) })
            .FirstOrDefault(File.Exists);
        if (path == null)
        {
            if (probeByName && NativeLibrary.TryLoad("LibTorchSharp", typeof(torch).Assembly, null, out _))
            {
                return "LibTorchSharp";
            }

            throw new TorchNativeLoadException(
                $"TorchSharp's native shim {ShimFileName} was not found in {string.Join(" or ", searched.Select(f => $"'{f}'"))} (nor under {nativeFolder}). "
                + "Reference TorchSharp-cpu (Downscale.Torch brings it) from the application project and build it for Linux, so the native libraries are copied next to the application.",
                null, null);
        }

        try
        {
            NativeLibrary.Load(path);
            return path;
        }
        catch (Exception e) when (e is DllNotFoundException or BadImageFormatException)
        {
            string loaderError = LoaderError(e.Message);
            throw new TorchNativeLoadException(Explain(path, loaderError), path, loaderError, e);
        }
    }

    /// <summary>The dynamic loader's own text: what .NET puts after its generic first line.</summary>
    internal static string LoaderError(string runtimeMessage)
    {
        int newline = runtimeMessage.IndexOf('\n', StringComparison.Ordinal);
        string detail = newline >= 0 ? runtimeMessage[(newline + 1)..].Trim() : string.Empty;
        return detail.Length > 0 ? detail : runtimeMessage.Trim();
    }

    /// <summary>A message that names the cause in <paramref name="loaderError"/> and its fix.</summary>
    internal static string Explain(string path, string loaderError)
    {
        string head = $"TorchSharp's native shim '{path}' cannot be loaded: {loaderError}";
        if (loaderError.Contains("GLIBCXX_", StringComparison.Ordinal) && loaderError.Contains("not found", StringComparison.Ordinal))
        {
            return head + $"{Environment.NewLine}This system's libstdc++ is older than the GCC 13 one TorchSharp was built with. "
                + $"The Downscale.Torch build step fixes the copy in the build output by marking {ElfSymbolVersionPatcher.TargetVersion} weak "
                + "(it is only a marker symbol): rebuild the application on Linux with 'dotnet build --no-incremental' or 'dotnet publish' "
                + "(and do not set DownscaleTorchPatchNativeShim=false); if the file was copied there by other means, patch it with "
                + "ElfSymbolVersionPatcher.ForThisSystem().Patch(path). Alternatively install a libstdc++ from GCC 13 or newer.";
        }

        if (loaderError.Contains("cannot open shared object file", StringComparison.Ordinal))
        {
            return head + $"{Environment.NewLine}A library is missing. libtorch's files (package libtorch-cpu-linux-x64, brought by TorchSharp-cpu) "
                + "must sit next to the shim: restore and rebuild the application for Linux.";
        }

        if (loaderError.Contains("undefined symbol", StringComparison.Ordinal))
        {
            return head + $"{Environment.NewLine}The shim found a libtorch that does not match it, probably another installation "
                + "(such as Debian's python3-torch) reached first through LD_LIBRARY_PATH or because libtorch's files are missing next to the shim. "
                + "Keep only TorchSharp's libtorch next to the application and remove other libtorch folders from LD_LIBRARY_PATH.";
        }

        return head;
    }

    private static IEnumerable<string> DefaultSearchFolders()
    {
        if (Path.GetDirectoryName(typeof(torch).Assembly.Location) is { Length: > 0 } torchSharpFolder)
        {
            yield return torchSharpFolder;
        }

        yield return AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar);
    }
}
