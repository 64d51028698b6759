namespace Downscale.Core.Raw;

/// <summary>Names, parsing and geometry of <see cref="CfaPattern"/>s.</summary>
public static class CfaPatterns
{
    /// <summary>All supported patterns.</summary>
    public static IReadOnlyList<CfaPattern> All { get; } = [CfaPattern.Rggb, CfaPattern.Bggr, CfaPattern.Grbg, CfaPattern.Gbrg];

    /// <summary>Parses a pattern name such as <c>"RGGB"</c> (case-insensitive).</summary>
    /// <exception cref="FormatException">The name is not one of RGGB, BGGR, GRBG, GBRG.</exception>
    public static CfaPattern Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Trim().ToUpperInvariant() switch
        {
            "RGGB" => CfaPattern.Rggb,
            "BGGR" => CfaPattern.Bggr,
            "GRBG" => CfaPattern.Grbg,
            "GBRG" => CfaPattern.Gbrg,
            _ => throw new FormatException($"'{name}' is not a Bayer CFA pattern; expected RGGB, BGGR, GRBG or GBRG."),
        };
    }

    /// <summary>The upper-case name (<c>"RGGB"</c>, ...), as written in raw protocol sidecars.</summary>
    public static string ToName(this CfaPattern pattern) => pattern switch
    {
        CfaPattern.Rggb => "RGGB",
        CfaPattern.Bggr => "BGGR",
        CfaPattern.Grbg => "GRBG",
        CfaPattern.Gbrg => "GBRG",
        _ => throw new ArgumentOutOfRangeException(nameof(pattern), pattern, "Unknown CFA pattern."),
    };

    /// <summary>The colour of the photosite at (<paramref name="row"/>, <paramref name="column"/>) of a mosaic.</summary>
    public static CfaColor ColorAt(this CfaPattern pattern, int row, int column)
    {
        int site = ((row & 1) << 1) | (column & 1);
        return pattern switch
        {
            CfaPattern.Rggb => site == 0 ? CfaColor.Red : site == 3 ? CfaColor.Blue : CfaColor.Green,
            CfaPattern.Bggr => site == 0 ? CfaColor.Blue : site == 3 ? CfaColor.Red : CfaColor.Green,
            CfaPattern.Grbg => site == 1 ? CfaColor.Red : site == 2 ? CfaColor.Blue : CfaColor.Green,
            CfaPattern.Gbrg => site == 2 ? CfaColor.Red : site == 1 ? CfaColor.Blue : CfaColor.Green,
            _ => throw new ArgumentOutOfRangeException(nameof(pattern), pattern, "Unknown CFA pattern."),
        };
    }

    /// <summary>
    /// The pattern whose top-left 2x2 block holds these colours in raster order, e.g. (Red, Green, Green, Blue) is
    /// <see cref="CfaPattern.Rggb"/>.
    /// </summary>
    /// <exception cref="NotSupportedException">The block is not a Bayer block (one red, two greens on a diagonal, one blue).</exception>
    public static CfaPattern FromBlock(CfaColor topLeft, CfaColor topRight, CfaColor bottomLeft, CfaColor bottomRight)
    {
        foreach (CfaPattern pattern in All)
        {
            if (pattern.ColorAt(0, 0) == topLeft && pattern.ColorAt(0, 1) == topRight
                && pattern.ColorAt(1, 0) == bottomLeft && pattern.ColorAt(1, 1) == bottomRight)
            {
                return pattern;
            }
        }

        throw new NotSupportedException(
            $"The 2x2 colour block {topLeft} {topRight} / {bottomLeft} {bottomRight} is not a Bayer pattern (RGGB, BGGR, GRBG, GBRG).");
    }

    /// <summary>
    /// Where packed plane <paramref name="plane"/> (0 = R, 1 = G1, 2 = G2, 3 = B; see <see cref="BayerPacking"/>)
    /// sits inside each 2x2 block of a mosaic with this pattern.
    /// </summary>
    internal static (int Row, int Column) PackedSite(this CfaPattern pattern, int plane)
    {
        // R's position decides everything: G1 shares R's row, G2 shares B's row, B is diagonal to R.
        (int r, int c) = pattern switch
        {
            CfaPattern.Rggb => (0, 0),
            CfaPattern.Bggr => (1, 1),
            CfaPattern.Grbg => (0, 1),
            CfaPattern.Gbrg => (1, 0),
            _ => throw new ArgumentOutOfRangeException(nameof(pattern), pattern, "Unknown CFA pattern."),
        };
        return plane switch
        {
            0 => (r, c),
            1 => (r, 1 - c),
            2 => (1 - r, c),
            3 => (1 - r, 1 - c),
            _ => throw new ArgumentOutOfRangeException(nameof(plane), plane, "Packed planes are 0 (R), 1 (G1), 2 (G2), 3 (B)."),
        };
    }
}
