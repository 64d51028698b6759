using System.Globalization;
using Downscale.Core.Data;

namespace Downscale.Torch.Training;

/// <summary>
/// The samples a trainer scores every few steps (L1 and PSNR against their targets), decoded once and held in memory:
/// whole images, or centre crops for large sets.
/// </summary>
public sealed class ValidationSet
{
    private ValidationSet(IReadOnlyList<TrainingSample> samples, int cropBorder, string signature)
    {
        if (samples.Count == 0)
        {
            throw new ArgumentException("A validation set needs at least one sample.", nameof(samples));
        }

        if (samples.Any(s => s.Target is null))
        {
            throw new ArgumentException("Every validation sample needs a target to be scored against.", nameof(samples));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(cropBorder);
        Samples = samples;
        CropBorder = cropBorder;
        Signature = signature;
    }

    /// <summary>The samples, in order; each has a target.</summary>
    public IReadOnlyList<TrainingSample> Samples { get; }

    /// <summary>Pixels dropped from each border of the output before PSNR (the scale, for pairs-v1).</summary>
    public int CropBorder { get; }

    /// <summary>Describes the set; it enters the options hash of checkpoints (validation drives the plateau schedule).</summary>
    public string Signature { get; }

    /// <summary>
    /// Whole pairs, or their centre crops of HR side <see cref="PairSamplingOptions.HrPatchSize"/>, with the HR
    /// prepared by <see cref="PairSamplingOptions.PrepareHr"/>; never augmented.
    /// </summary>
    /// <param name="pairs">The validation pairs (e.g. <see cref="PairsV1DataSet.Enumerate"/>).</param>
    /// <param name="options">Centre crop and HR preparation (<see cref="PairSamplingOptions.Augment"/> is ignored).</param>
    /// <param name="cropBorder">Border excluded from PSNR; the scale when null.</param>
    public static ValidationSet FromPairs(IEnumerable<ImagePair> pairs, PairSamplingOptions options, int? cropBorder = null)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(options);
        var prepared = PreparedPairs.FromFiles([.. pairs], options with { MaxCachedBytes = long.MaxValue });
        var samples = new List<TrainingSample>(prepared.Count);
        int scale = prepared[0].Scale;
        for (int i = 0; i < prepared.Count; i++)
        {
            PreparedPair pair = prepared[i];
            var loaded = new LoadedPair(pair.Name, pair.Input, pair.Lr!, pair.Scale);
            if (options.HrPatchSize is int patch)
            {
                int lrPatch = patch / pair.Scale;
                loaded = AlignedCrop.At(loaded, patch, (pair.Lr!.Height - lrPatch) / 2, (pair.Lr.Width - lrPatch) / 2);
            }

            samples.Add(new TrainingSample(
                loaded.Hr, loaded.Lr, loaded.Hr.Channels == pair.HrPlanes ? loaded.Hr : loaded.Hr.ChannelView(0, pair.HrPlanes)));
        }

        int border = cropBorder ?? scale;
        string signature = string.Create(
            CultureInfo.InvariantCulture,
            $"validation(count={prepared.Count},names={TrainingSignature.Hash(prepared.Names)},patch={options.HrPatchSize?.ToString(CultureInfo.InvariantCulture) ?? "whole"}," +
            $"crop_border={border},input_planes={samples[0].Input.Channels})");
        return new ValidationSet(samples, border, signature);
    }

    /// <summary>Samples made elsewhere (e.g. RAW pairs), each with a target.</summary>
    /// <param name="samples">The samples.</param>
    /// <param name="cropBorder">Border excluded from PSNR.</param>
    /// <param name="signature">Describes the set for the options hash.</param>
    public static ValidationSet FromSamples(IEnumerable<TrainingSample> samples, int cropBorder, string signature)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentException.ThrowIfNullOrWhiteSpace(signature);
        return new ValidationSet([.. samples], cropBorder, signature);
    }
}
