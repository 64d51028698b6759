namespace Downscale.Core.Data;

/// <summary>
/// A geometric augmentation as BasicSR's <c>augment</c> builds it: optional horizontal flip, then vertical flip, then
/// transpose (BasicSR's "rot90"). The 8 combinations are the 8 symmetries of the square: identity, the two flips,
/// rotations by 90, 180 and 270 degrees, and the two transposes.
/// </summary>
[Flags]
public enum AugmentKind
{
    /// <summary>Leave the image as it is.</summary>
    None = 0,

    /// <summary>Mirror left-right (columns reversed).</summary>
    FlipHorizontal = 1,

    /// <summary>Mirror top-bottom (rows reversed).</summary>
    FlipVertical = 2,

    /// <summary>Swap rows and columns (applied last); an H x W image becomes W x H.</summary>
    Transpose = 4,

    /// <summary>All three; with the others, <c>(AugmentKind)0..7</c> enumerates every combination.</summary>
    All = FlipHorizontal | FlipVertical | Transpose,
}
