namespace Downscale.Core.Raw;

/// <summary>The colour of one photosite of a Bayer mosaic; the value is the RGB plane index.</summary>
public enum CfaColor
{
    /// <summary>Red (plane 0).</summary>
    Red = 0,

    /// <summary>Green (plane 1).</summary>
    Green = 1,

    /// <summary>Blue (plane 2).</summary>
    Blue = 2,
}
