using Downscale.Core.Imaging;

namespace Downscale.Torch.Training;

/// <summary>How <see cref="PairCropSampler"/> and <see cref="ValidationSet"/> turn images into samples. Validated when set.</summary>
public sealed record PairSamplingOptions
{
    /// <summary>Default <see cref="MaxCachedBytes"/>: 4 GiB of decoded float32 pixels.</summary>
    public const long DefaultMaxCachedBytes = 4L << 30;

    /// <summary>
    /// Side of the square HR crop (192, 256, 512, ...: a multiple of the scale), or null for whole images (which then
    /// must all have one size when batched). For a <see cref="ValidationSet"/>, the side of the centre crop.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Not positive.</exception>
    public int? HrPatchSize
    {
        get;
        init
        {
            if (value is <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(HrPatchSize), value, "The HR patch size must be positive (192, 256 or 512, a multiple of the scale).");
            }

            field = value;
        }
    }

    /// <summary>Random flips and transposes (the 8 symmetries, <see cref="Core.Data.Augment"/>), the same on HR and LR. On by default; ignored by validation.</summary>
    public bool Augment { get; init; } = true;

    /// <summary>
    /// For FieldAware models: appends the two <see cref="Core.Imaging.FieldCoordinates"/> planes of each whole HR image
    /// (after <see cref="PrepareHr"/>, if any), crops them with the pixels, and after each flip or transpose re-expresses
    /// them in the augmented frame (<see cref="Core.Imaging.FieldCoordinates.ToAugmentedFrame"/>): an augmented crop is
    /// then what the same lens would have produced, which holds for fields symmetric about the image centre (radial
    /// blur and chromatic aberration, as <c>camsim</c>'s). Off by default.
    /// </summary>
    public bool FieldCoordinates { get; init; }

    /// <summary>
    /// Applied once to each whole (mod-cropped) HR image before cropping and augmenting, e.g. to append FieldAware
    /// coordinate planes: it returns an image of the same size whose first planes are the HR image. The model's input
    /// then has its planes; the restorability objective still sees the HR planes alone.
    /// </summary>
    public Func<PlanarImage, PlanarImage>? PrepareHr { get; init; }

    /// <summary>
    /// Names what <see cref="PrepareHr"/> does (e.g. <c>field-coordinates</c>) in the options hash of checkpoints;
    /// null when it is null or when the plane count alone tells runs apart.
    /// </summary>
    public string? PrepareHrName { get; init; }

    /// <summary>
    /// Decoded pixels (HR, prepared planes and LR, as float32) kept in memory; beyond it the images are decoded again
    /// for every sample. SunHays80's 20 photos take about 0.2 GB. Default <see cref="DefaultMaxCachedBytes"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative.</exception>
    public long MaxCachedBytes
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value, nameof(MaxCachedBytes));
            field = value;
        }
    } = DefaultMaxCachedBytes;
}
