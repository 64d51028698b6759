namespace Downscale.Core.Imaging;

/// <summary>What a file's header says about the image, read without decoding pixels.</summary>
/// <param name="Format">The file format.</param>
/// <param name="Width">Width as displayed, after the EXIF orientation is applied.</param>
/// <param name="Height">Height as displayed, after the EXIF orientation is applied.</param>
/// <param name="Channels">Stored channels after palette expansion: 1 gray, 2 gray + alpha, 3 RGB, 4 RGBA.</param>
/// <param name="BitDepth">Bits per decoded sample: 8 or 16 (1, 2 and 4-bit PNGs decode to 8).</param>
/// <param name="Orientation">The EXIF orientation tag, 1 (upright) to 8; 1 when absent.</param>
public sealed record ImageInfo(ImageFileFormat Format, int Width, int Height, int Channels, int BitDepth, int Orientation)
{
    /// <summary>True when the last stored channel is alpha.</summary>
    public bool HasAlpha => Channels is 2 or 4;

    /// <summary>True for gray-scale images (with or without alpha).</summary>
    public bool IsGray => Channels <= 2;

    /// <summary>Width x height.</summary>
    public long PixelCount => (long)Width * Height;
}
