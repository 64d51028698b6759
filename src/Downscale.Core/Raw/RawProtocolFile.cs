using Downscale.Core.Imaging;
using Downscale.Core.IO;

namespace Downscale.Core.Raw;

/// <summary>
/// Reads and writes RAW frames in the pairs-v1 <c>raw</c> protocol: a single-channel 16-bit PNG mosaic
/// <c>&lt;stem&gt;.png</c> plus its JSON sidecar <c>&lt;stem&gt;.png.json</c> (see <c>data/README.md</c>).
/// </summary>
public static class RawProtocolFile
{
    /// <summary>The sidecar path of a mosaic: the PNG path with <c>.json</c> appended.</summary>
    public static string SidecarPath(string pngPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(pngPath);
        return pngPath + ".json";
    }

    /// <summary>
    /// Reads a mosaic and its sidecar. The mosaic is normalised to <c>(code − black) / (white − black)</c>
    /// (code / 65535 for the protocol's files), exactly as float32.
    /// </summary>
    /// <exception cref="FileNotFoundException">The PNG or its sidecar is missing.</exception>
    /// <exception cref="InvalidDataException">Unreadable PNG or sidecar, or the two disagree.</exception>
    public static RawFrame Read(string pngPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(pngPath);
        if (!File.Exists(pngPath))
        {
            throw new FileNotFoundException($"RAW mosaic '{pngPath}' does not exist.", pngPath);
        }

        string sidecarPath = SidecarPath(pngPath);
        if (!File.Exists(sidecarPath))
        {
            throw new FileNotFoundException(
                $"RAW mosaic '{pngPath}' has no sidecar '{sidecarPath}'; the raw protocol needs both files.", sidecarPath);
        }

        (RawMetadata metadata, CfaPattern pattern) = RawSidecar.Parse(File.ReadAllBytes(sidecarPath), sidecarPath);
        Gray16Image codes = Png16.Read16BitGray(pngPath);
        CheckAgainstSidecar(pngPath, codes, metadata);

        var mosaic = new PlanarImage(1, codes.Height, codes.Width);
        Normalize(codes.Pixels, mosaic.Data.Span, metadata.BlackLevel, metadata.WhiteLevel);
        return new RawFrame(mosaic, pattern, metadata);
    }

    /// <summary>
    /// Writes the frame as a 16-bit PNG (<c>code = floor(black + x · (white − black) + 0.5)</c>, clipped to the
    /// bit depth) and then its sidecar, each atomically.
    /// </summary>
    /// <exception cref="ArgumentException">The frame's metadata cannot encode codes (see <see cref="RawMetadata.Validate"/>).</exception>
    public static void Write(string pngPath, RawFrame frame)
    {
        ArgumentException.ThrowIfNullOrEmpty(pngPath);
        ArgumentNullException.ThrowIfNull(frame);
        RawMetadata metadata = frame.Metadata;
        metadata.Validate();
        ushort[] codes = Quantize(frame.Mosaic.Data.Span, metadata);
        Png16.Write16BitGray(pngPath, codes, frame.Height, frame.Width);
        AtomicFile.WriteAllBytes(SidecarPath(pngPath), RawSidecar.Serialize(metadata, frame.Pattern));
    }

    /// <summary>Maps normalised values back to integer codes (rounded half up, clipped).</summary>
    internal static ushort[] Quantize(ReadOnlySpan<float> values, RawMetadata metadata)
    {
        double black = metadata.BlackLevel;
        double range = metadata.WhiteLevel - black;
        double maxCode = (1 << metadata.BitDepth) - 1;
        ushort[] codes = new ushort[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            double code = Math.Floor(black + (values[i] * range) + 0.5);
            codes[i] = (ushort)Math.Clamp(double.IsNaN(code) ? 0 : code, 0, maxCode);
        }

        return codes;
    }

    private static void Normalize(ReadOnlySpan<ushort> codes, Span<float> target, double black, double white)
    {
        // A float64 division then one rounding to float32: the same value numpy's (code / 65535).astype(float32) gives.
        double range = white - black;
        for (int i = 0; i < codes.Length; i++)
        {
            target[i] = (float)((codes[i] - black) / range);
        }
    }

    private static void CheckAgainstSidecar(string pngPath, Gray16Image codes, RawMetadata metadata)
    {
        var actual = new FrameSize(codes.Height, codes.Width);
        FrameSize? expected = metadata.Scale == 1 && metadata.LrSize is null ? metadata.HrSize : metadata.LrSize;
        if (expected is { } size && size != actual)
        {
            throw new InvalidDataException(
                $"RAW mosaic '{pngPath}' is {actual}, but its sidecar says {size}; the pair is inconsistent.");
        }

        if ((codes.Height & 1) != 0 || (codes.Width & 1) != 0)
        {
            throw new InvalidDataException($"RAW mosaic '{pngPath}' is {actual}; a Bayer mosaic needs an even height and width.");
        }
    }
}
