namespace Downscale.Torch.Training;

/// <summary>How <see cref="RawPairSampler"/> turns RAW pairs into training samples. Validated when set.</summary>
public sealed record RawSamplingOptions
{
    /// <summary>
    /// Side of the square packed LR crop (a multiple of the model's 2^K·n: 160 at x1.3 and K = 4 gives a 208-pixel
    /// packed input, 416 mosaic pixels). Default <see cref="Defaults.LrPatchSize"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Not positive.</exception>
    public int LrPatchSize
    {
        get;
        init => field = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(LrPatchSize), value, "The LR patch size must be positive.");
    } = Defaults.LrPatchSize;

    /// <summary>
    /// Random transposes of HR and LR together (with G1 and G2 swapped, <see cref="Core.Raw.RawPackedPair.Transpose"/>).
    /// Flips are not used: they change the CFA phase of an RGGB mosaic. On by default; ignored by validation.
    /// </summary>
    public bool Augment { get; init; } = true;

    /// <summary>Default values.</summary>
    public static class Defaults
    {
        /// <summary>32 packed LR pixels (64 mosaic pixels); raise it to 160 for x1.3 with K = 4.</summary>
        public const int LrPatchSize = 32;
    }
}
