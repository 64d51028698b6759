namespace Downscale.Core.Raw;

/// <summary>A height and width in pixels, in the raw protocol's [H, W] order.</summary>
/// <param name="Height">Rows.</param>
/// <param name="Width">Columns.</param>
public readonly record struct FrameSize(int Height, int Width)
{
    /// <inheritdoc />
    public override string ToString() => $"{Height}x{Width}";
}
