using Downscale.Core.Imaging;

namespace Downscale.Core.Data;

/// <summary>
/// Crops that keep an HR/LR pair aligned: an LR patch of side p at LR offset (y, x) and the HR patch of side s p at
/// HR offset (s y, s x), which covers exactly the same scene.
/// </summary>
public static class AlignedCrop
{
    /// <summary>The patches of HR side <paramref name="hrPatchSize"/> at LR offset (<paramref name="lrTop"/>, <paramref name="lrLeft"/>).</summary>
    /// <exception cref="ArgumentException">The patch size is not a positive multiple of the scale.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The patch does not fit the LR image at that offset.</exception>
    public static LoadedPair At(LoadedPair pair, int hrPatchSize, int lrTop, int lrLeft)
    {
        int lrPatch = LrPatchSize(pair, hrPatchSize);
        if (lrTop < 0 || lrLeft < 0 || lrTop + lrPatch > pair.Lr.Height || lrLeft + lrPatch > pair.Lr.Width)
        {
            throw new ArgumentOutOfRangeException(
                nameof(lrTop),
                $"An LR patch of {lrPatch}x{lrPatch} at ({lrTop}, {lrLeft}) does not fit the {pair.Lr.Height}x{pair.Lr.Width} LR image of '{pair.Name}'.");
        }

        int s = pair.Scale;
        return pair with
        {
            Hr = pair.Hr.Crop(s * lrTop, s * lrLeft, hrPatchSize, hrPatchSize),
            Lr = pair.Lr.Crop(lrTop, lrLeft, lrPatch, lrPatch),
        };
    }

    /// <summary>Patches of HR side <paramref name="hrPatchSize"/> at a uniformly random LR offset (row drawn first, then column).</summary>
    /// <exception cref="ArgumentException">The patch size is not a positive multiple of the scale, or the LR image is smaller than the patch.</exception>
    public static LoadedPair Random(LoadedPair pair, int hrPatchSize, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        int lrPatch = LrPatchSize(pair, hrPatchSize);
        if (pair.Lr.Height < lrPatch || pair.Lr.Width < lrPatch)
        {
            throw new ArgumentException(
                $"The LR image of '{pair.Name}' is {pair.Lr.Height}x{pair.Lr.Width}, smaller than the {lrPatch}x{lrPatch} LR patch " +
                $"(HR patch {hrPatchSize} at scale {pair.Scale}).",
                nameof(pair));
        }

        int top = random.Next(pair.Lr.Height - lrPatch + 1);
        int left = random.Next(pair.Lr.Width - lrPatch + 1);
        return At(pair, hrPatchSize, top, left);
    }

    private static int LrPatchSize(LoadedPair pair, int hrPatchSize)
    {
        ArgumentNullException.ThrowIfNull(pair);
        if (hrPatchSize <= 0 || hrPatchSize % pair.Scale != 0)
        {
            throw new ArgumentException(
                $"The HR patch size must be a positive multiple of the scale {pair.Scale}, got {hrPatchSize}.", nameof(hrPatchSize));
        }

        return hrPatchSize / pair.Scale;
    }
}
