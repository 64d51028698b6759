using NetVips;

namespace Downscale.Core.Imaging.Codecs;

/// <summary>One-time libvips setup for the codec layer, and the funnel that turns libvips errors into our exceptions.</summary>
internal static class VipsRuntime
{
    private static readonly Lazy<bool> Setup = new(Initialize, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Loads libvips and configures it once per process.</summary>
    /// <exception cref="PlatformNotSupportedException">The native libvips library could not be loaded.</exception>
    public static void EnsureInitialized() => _ = Setup.Value;

    /// <summary>The libvips error text on one line, for an <see cref="ImageFormatException"/> reason.</summary>
    public static string Describe(VipsException error) =>
        string.Join("; ", error.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct());

    private static bool Initialize()
    {
        try
        {
            // The operation cache would keep decoded images and open file handles alive after a read, keyed by file
            // name; we never repeat an operation on the same image, so it only costs memory and risks stale reads.
            Cache.Max = 0;

            // libvips reports decoder warnings on stderr. Those that matter surface as exceptions (fail-on levels);
            // the rest would only clutter a CLI's output.
            Log.SetLogHandler("VIPS", Enums.LogLevelFlags.Warning, (_, _, _) => { });
        }
        catch (Exception error) when (error is DllNotFoundException or TypeInitializationException or EntryPointNotFoundException)
        {
            throw new PlatformNotSupportedException(
                "libvips could not be loaded; the NetVips.Native package for this platform must be referenced.", error);
        }

        return true;
    }
}
