namespace Downscale.Core.Raw;

/// <summary>
/// The 2x2 Bayer colour filter arrangement of a mosaic, named in raster order of its top-left 2x2 block
/// (<see cref="Rggb"/>: red at (0,0), green at (0,1) and (1,0), blue at (1,1)).
/// </summary>
public enum CfaPattern
{
    /// <summary>R G / G B (the pairs-v1 raw protocol's pattern).</summary>
    Rggb,

    /// <summary>B G / G R.</summary>
    Bggr,

    /// <summary>G R / B G.</summary>
    Grbg,

    /// <summary>G B / R G.</summary>
    Gbrg,
}
