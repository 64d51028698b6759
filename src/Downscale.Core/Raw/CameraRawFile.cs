namespace Downscale.Core.Raw;

/// <summary>
/// Reads camera RAW and DNG files (any Bayer sensor LibRaw knows) as normalised <see cref="RawFrame"/>s, through the
/// native LibRaw library (Debian: <c>libraw20</c>; no .NET package wraps it).
/// </summary>
/// <remarks>
/// The mosaic is the visible sensor area (cropped to even size), normalised per pixel as
/// <c>(v − black) / (white − black)</c> with LibRaw's black levels (common + per-colour + repeat pattern) and
/// <c>maximum</c> as white; values below black stay negative. Metadata: as-shot white balance from <c>cam_mul</c>
/// (LibRaw's daylight <c>pre_mul</c> when the file has none), <c>cam2rgb</c> from <c>rgb_cam</c>, <c>rgb2cam</c>
/// its inverse, <c>xyz2cam</c> from <c>cam_xyz</c> when LibRaw fills it, and the mean black level of the 2x2 sites.
/// </remarks>
public static class CameraRawFile
{
    /// <summary>True when the native LibRaw library loads and its data layout is known.</summary>
    public static bool IsAvailable
    {
        get
        {
            try
            {
                _ = new LibRawDecoder(LibRawApi.Default);
                return true;
            }
            catch (RawDecoderUnavailableException)
            {
                return false;
            }
        }
    }

    /// <summary>Decodes a camera RAW/DNG file.</summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="CameraRawDecodeException">Empty, corrupt, truncated or unsupported file (LibRaw's code attached).</exception>
    /// <exception cref="NotSupportedException">A valid file whose sensor is not a 2x2 RGB Bayer mosaic (X-Trans, Foveon...).</exception>
    /// <exception cref="RawDecoderUnavailableException">LibRaw is not installed, or its version is unknown.</exception>
    public static RawFrame Read(string path) => new LibRawDecoder(LibRawApi.Default).Decode(path);
}
