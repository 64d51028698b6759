namespace Downscale.Core.Tiling;

/// <summary>
/// One tile in aligned HR coordinates: the core [Top, Top + Height) x [Left, Left + Width), whose LR output is kept, and
/// the padded region around it that the model sees (the core plus the halo, clipped at the image's edges).
/// </summary>
internal readonly record struct Tile(
    int Top, int Left, int Height, int Width, int PaddedTop, int PaddedLeft, int PaddedHeight, int PaddedWidth)
{
    /// <summary>HR pixels the model sees for this tile.</summary>
    public long PaddedPixels => (long)PaddedHeight * PaddedWidth;
}
