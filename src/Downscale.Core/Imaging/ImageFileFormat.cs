namespace Downscale.Core.Imaging;

/// <summary>The file formats that <see cref="ImageFile"/> reads and writes.</summary>
public enum ImageFileFormat
{
    /// <summary>PNG: 1, 2, 4, 8 and 16-bit; gray, gray + alpha, RGB, RGBA and palette. Lossless.</summary>
    Png,

    /// <summary>JPEG: 8-bit baseline and progressive; gray, RGB (YCbCr) and CMYK (converted to RGB). Lossy.</summary>
    Jpeg,
}
