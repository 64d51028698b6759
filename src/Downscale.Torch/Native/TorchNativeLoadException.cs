namespace Downscale.Torch.Native;

/// <summary>
/// TorchSharp's native libraries cannot be loaded. The message names the loader's real reason (a missing symbol version
/// such as <c>GLIBCXX_3.4.32</c>, a missing file, a mismatched libtorch) and the fix.
/// </summary>
public sealed class TorchNativeLoadException : Exception
{
    /// <summary>Creates the exception with a generic message.</summary>
    public TorchNativeLoadException()
        : base("TorchSharp's native libraries could not be loaded.")
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    public TorchNativeLoadException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/> and its cause.</summary>
    public TorchNativeLoadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for <paramref name="libraryPath"/> with the dynamic loader's own error text.</summary>
    public TorchNativeLoadException(string message, string? libraryPath, string? loaderError, Exception? innerException = null)
        : base(message, innerException)
    {
        LibraryPath = libraryPath;
        LoaderError = loaderError;
    }

    /// <summary>The shim that was tried, when one was found.</summary>
    public string? LibraryPath { get; }

    /// <summary>The dynamic loader's error text (dlerror), when the load itself failed.</summary>
    public string? LoaderError { get; }
}
