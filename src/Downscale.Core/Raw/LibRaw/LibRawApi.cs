using System.Runtime.InteropServices;

namespace Downscale.Core.Raw;

/// <summary>
/// The part of LibRaw's C API we call, bound at run time from the first library that loads (like ONNX Runtime's
/// function table): no static imports, so a missing library or symbol is a clean
/// <see cref="RawDecoderUnavailableException"/> rather than a <see cref="DllNotFoundException"/> at first call,
/// and tests can point it at a library that does not exist.
/// </summary>
/// <remarks>Immutable after <see cref="Load"/>, so one instance serves every thread (LibRaw handles are per call).</remarks>
internal sealed unsafe class LibRawApi
{
    /// <summary>
    /// Library names probed in order: the thread-safe build (<c>libraw_r</c>) first, newest soname first
    /// (0.21 is <c>.so.23</c>, 0.20 is <c>.so.20</c>, 0.19 is <c>.so.19</c>).
    /// </summary>
    public static readonly IReadOnlyList<string> DefaultCandidates =
    [
        "libraw_r.so.23", "libraw_r.so.20", "libraw_r.so.19", "libraw_r.so", "libraw.so.23", "libraw.so.20", "libraw.so.19", "libraw.so",
        "libraw_r", "libraw", "raw_r", "raw",
    ];

    private static readonly Lazy<LibRawApi> Shared = new(() => Load(DefaultCandidates), LazyThreadSafetyMode.ExecutionAndPublication);

#pragma warning disable CA1051 // Function-pointer fields are the table; properties would only add indirection.
    public readonly delegate* unmanaged<uint, IntPtr> Init;
    public readonly delegate* unmanaged<IntPtr, byte*, int> OpenFile;
    public readonly delegate* unmanaged<IntPtr, int> Unpack;
    public readonly delegate* unmanaged<IntPtr, int> Raw2Image;
    public readonly delegate* unmanaged<IntPtr, void> Close;
    public readonly delegate* unmanaged<int, byte*> StrError;
    public readonly delegate* unmanaged<int> VersionNumber;
    public readonly delegate* unmanaged<IntPtr, int> GetRawHeight;
    public readonly delegate* unmanaged<IntPtr, int> GetRawWidth;
    public readonly delegate* unmanaged<IntPtr, int> GetIHeight;
    public readonly delegate* unmanaged<IntPtr, int> GetIWidth;
    public readonly delegate* unmanaged<IntPtr, int, float> GetCamMul;
    public readonly delegate* unmanaged<IntPtr, int, float> GetPreMul;
    public readonly delegate* unmanaged<IntPtr, int, int, float> GetRgbCam;
    public readonly delegate* unmanaged<IntPtr, int> GetColorMaximum;
    public readonly delegate* unmanaged<IntPtr, int, int, int> Color;
    public readonly delegate* unmanaged<IntPtr, IntPtr> GetIParams;
    public readonly delegate* unmanaged<IntPtr, delegate* unmanaged<void*, byte*, int, void>, void*, void> SetDataErrorHandler;
#pragma warning restore CA1051

    private LibRawApi(IntPtr library, string name)
    {
        LibraryName = name;
        Init = (delegate* unmanaged<uint, IntPtr>)Export(library, name, "libraw_init");
        OpenFile = (delegate* unmanaged<IntPtr, byte*, int>)Export(library, name, "libraw_open_file");
        Unpack = (delegate* unmanaged<IntPtr, int>)Export(library, name, "libraw_unpack");
        Raw2Image = (delegate* unmanaged<IntPtr, int>)Export(library, name, "libraw_raw2image");
        Close = (delegate* unmanaged<IntPtr, void>)Export(library, name, "libraw_close");
        StrError = (delegate* unmanaged<int, byte*>)Export(library, name, "libraw_strerror");
        VersionNumber = (delegate* unmanaged<int>)Export(library, name, "libraw_versionNumber");
        GetRawHeight = (delegate* unmanaged<IntPtr, int>)Export(library, name, "libraw_get_raw_height");
        GetRawWidth = (delegate* unmanaged<IntPtr, int>)Export(library, name, "libraw_get_raw_width");
        GetIHeight = (delegate* unmanaged<IntPtr, int>)Export(library, name, "libraw_get_iheight");
        GetIWidth = (delegate* unmanaged<IntPtr, int>)Export(library, name, "libraw_get_iwidth");
        GetCamMul = (delegate* unmanaged<IntPtr, int, float>)Export(library, name, "libraw_get_cam_mul");
        GetPreMul = (delegate* unmanaged<IntPtr, int, float>)Export(library, name, "libraw_get_pre_mul");
        GetRgbCam = (delegate* unmanaged<IntPtr, int, int, float>)Export(library, name, "libraw_get_rgb_cam");
        GetColorMaximum = (delegate* unmanaged<IntPtr, int>)Export(library, name, "libraw_get_color_maximum");
        Color = (delegate* unmanaged<IntPtr, int, int, int>)Export(library, name, "libraw_COLOR");
        GetIParams = (delegate* unmanaged<IntPtr, IntPtr>)Export(library, name, "libraw_get_iparams");
        SetDataErrorHandler = (delegate* unmanaged<IntPtr, delegate* unmanaged<void*, byte*, int, void>, void*, void>)Export(
            library, name, "libraw_set_dataerror_handler");
        var version = (delegate* unmanaged<byte*>)Export(library, name, "libraw_version");
        Version = Marshal.PtrToStringUTF8((IntPtr)version()) ?? "unknown";
    }

    /// <summary>The library name that loaded.</summary>
    public string LibraryName { get; }

    /// <summary>LibRaw's version string, e.g. <c>"0.20.2-Release"</c>.</summary>
    public string Version { get; }

    /// <summary>The process-wide instance over <see cref="DefaultCandidates"/> (loaded once; a failure is rethrown on every use).</summary>
    public static LibRawApi Default => Shared.Value;

    /// <summary>Loads the first candidate that exists and binds every function.</summary>
    /// <exception cref="RawDecoderUnavailableException">No candidate loads, or one lacks a function.</exception>
    public static LibRawApi Load(IReadOnlyList<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        foreach (string name in candidates)
        {
            if (NativeLibrary.TryLoad(name, typeof(LibRawApi).Assembly, DllImportSearchPath.SafeDirectories, out IntPtr handle))
            {
                return new LibRawApi(handle, name);
            }
        }

        throw new RawDecoderUnavailableException(
            $"Camera RAW decoding needs the native LibRaw library, but none of [{string.Join(", ", candidates)}] could be loaded; "
            + $"{RawDecoderUnavailableException.InstallHint}.");
    }

    /// <summary>LibRaw's text for an error code.</summary>
    public string Describe(int errorCode) => Marshal.PtrToStringUTF8((IntPtr)StrError(errorCode)) ?? $"error {errorCode}";

    private static IntPtr Export(IntPtr library, string libraryName, string symbol)
    {
        if (!NativeLibrary.TryGetExport(library, symbol, out IntPtr address))
        {
            throw new RawDecoderUnavailableException(
                $"The LibRaw library '{libraryName}' lacks the function '{symbol}' (too old or not LibRaw); "
                + $"{RawDecoderUnavailableException.InstallHint}.");
        }

        return address;
    }
}
