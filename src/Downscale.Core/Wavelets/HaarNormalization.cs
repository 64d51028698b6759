namespace Downscale.Core.Wavelets;

/// <summary>How the one-level 2D Haar transform scales its sub-bands.</summary>
public enum HaarNormalization
{
    /// <summary>
    /// Orthonormal (the default, as <c>pywt.dwt2(x, "haar")</c>): each sub-band is a ±1 sum of the 2x2 block
    /// divided by 2, so energy is preserved and A of a constant image c is 2c.
    /// </summary>
    Orthonormal,

    /// <summary>Averaging: the sums are divided by 4, so A is the 2x2 block mean (A of a constant image c is c).</summary>
    Average,
}
