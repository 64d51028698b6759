namespace Downscale.Core.Imaging;

/// <summary>What decoding does with a gray-scale image.</summary>
public enum GrayMode
{
    /// <summary>Replicate the gray plane into R, G and B (as PIL's <c>convert("RGB")</c>). The default.</summary>
    ExpandToRgb,

    /// <summary>Keep a single plane (needed for RAW mosaics stored as 1-channel 16-bit PNGs). RGB images stay RGB.</summary>
    Keep,
}
