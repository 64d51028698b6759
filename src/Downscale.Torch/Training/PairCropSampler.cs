using System.Globalization;
using Downscale.Core.Data;
using Downscale.Core.Imaging;

namespace Downscale.Torch.Training;

/// <summary>
/// Training samples from an HR/LR pair set (or HR images alone): each epoch visits every pair once in a seeded random
/// order, and each sample is a random aligned crop (<see cref="AlignedCrop"/>) with a random flip/transpose
/// (<see cref="Augment"/>), all drawn from a <see cref="Random"/> seeded by (seed, sample index) alone.
/// </summary>
/// <remarks>
/// Images are decoded and checked once (<see cref="PairLoader.LoadWhole"/>) and kept in memory while they fit
/// <see cref="PairSamplingOptions.MaxCachedBytes"/>. Draws per sample: crop row, crop column (when cropping), then the
/// augmentation (when enabled). Thread-safe.
/// </remarks>
public sealed class PairCropSampler : ITrainingSampler
{
    private const long OrderStream = 1, CropStream = 2;

    private readonly PreparedPairs _pairs;
    private readonly PairSamplingOptions _options;
    private readonly Lock _orderGate = new();
    private (int Seed, long Epoch, int[] Order)? _lastOrder;

    private PairCropSampler(PreparedPairs pairs, PairSamplingOptions options, bool paired)
    {
        _pairs = pairs;
        _options = options;
        PreparedPair first = pairs[0];
        if (options.HrPatchSize is int patch && patch % first.Scale != 0)
        {
            throw new ArgumentException($"The HR patch size {patch} is not a multiple of the scale {first.Scale}.", nameof(options));
        }

        if (pairs.IsCached)
        {
            CheckPatchFits(pairs, options.HrPatchSize);
        }

        InputPlanes = first.Input.Channels;
        Signature = string.Create(
            CultureInfo.InvariantCulture,
            $"pairs(kind={(paired ? "paired" : "hr-only")},count={pairs.Count},names={TrainingSignature.Hash(pairs.Names)},scale={first.Scale}," +
            $"patch={options.HrPatchSize?.ToString(CultureInfo.InvariantCulture) ?? "whole"},augment={options.Augment}," +
            $"input_planes={InputPlanes},prepare={options.PrepareHrName ?? (options.PrepareHr is null ? "none" : "custom")}" +
            $"{(options.FieldCoordinates ? ",field_coordinates=augmented_frame" : string.Empty)})");
    }

    /// <inheritdoc />
    public long SamplesPerEpoch => _pairs.Count;

    /// <inheritdoc />
    public string Signature { get; }

    /// <summary>Planes of each sample's input (3 for RGB, more with prepared planes).</summary>
    public int InputPlanes { get; }

    /// <summary>True when the decoded set is held in memory.</summary>
    public bool IsCached => _pairs.IsCached;

    /// <summary>Decodes an HR/LR pair set (e.g. <see cref="PairsV1DataSet.Enumerate"/>).</summary>
    /// <exception cref="ArgumentException">The set is empty, or the patch is not a multiple of the scale or larger than an image.</exception>
    /// <exception cref="InvalidDataException">A pair's sizes disagree with its scale.</exception>
    public static PairCropSampler FromPairs(IEnumerable<ImagePair> pairs, PairSamplingOptions options)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(options);
        return new PairCropSampler(PreparedPairs.FromFiles([.. pairs], options), options, paired: true);
    }

    /// <summary>Pairs already decoded (used as they are, never copied).</summary>
    public static PairCropSampler FromLoaded(IEnumerable<LoadedPair> pairs, PairSamplingOptions options)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(options);
        return new PairCropSampler(PreparedPairs.FromLoaded([.. pairs], options), options, paired: true);
    }

    /// <summary>HR images alone (samples without a target), for the restorability objective; each is mod-cropped to a multiple of <paramref name="scale"/>.</summary>
    public static PairCropSampler FromHrImages(IEnumerable<string> hrPaths, int scale, PairSamplingOptions options)
    {
        ArgumentNullException.ThrowIfNull(hrPaths);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(scale, 1);
        return new PairCropSampler(PreparedPairs.FromHrFiles([.. hrPaths], scale, options), options, paired: false);
    }

    /// <inheritdoc />
    public TrainingSample Draw(int seed, long sampleIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sampleIndex);
        long epoch = sampleIndex / _pairs.Count;
        int position = (int)(sampleIndex % _pairs.Count);
        PreparedPair pair = _pairs[Order(seed, epoch)[position]];
        Random random = SampleSeeds.Random(seed, CropStream, sampleIndex);
        PlanarImage input = pair.Input;
        PlanarImage? lr = pair.Lr;
        if (_options.HrPatchSize is int patch)
        {
            (input, lr) = Crop(pair, patch, random);
        }

        if (_options.Augment)
        {
            AugmentKind kind = Augment.Draw(random);
            input = Augment.Apply(input, kind);
            lr = lr is null ? null : Augment.Apply(lr, kind);
            if (_options.FieldCoordinates)
            {
                PlanarImage coordinates = input.ChannelView(input.Channels - FieldCoordinates.Planes, FieldCoordinates.Planes);
                FieldCoordinates.ToAugmentedFrame(coordinates, kind).Data.Span.CopyTo(coordinates.Data.Span);
            }
        }

        PlanarImage hr = input.Channels == pair.HrPlanes ? input : input.ChannelView(0, pair.HrPlanes);
        return new TrainingSample(input, lr, hr);
    }

    private static (PlanarImage Input, PlanarImage? Lr) Crop(PreparedPair pair, int patch, Random random)
    {
        if (pair.Lr is { } lr)
        {
            LoadedPair crop = AlignedCrop.Random(new LoadedPair(pair.Name, pair.Input, lr, pair.Scale), patch, random);
            return (crop.Hr, crop.Lr);
        }

        // HR only: the same draws on the LR grid as AlignedCrop, so crops stay aligned to the scale.
        int s = pair.Scale, lrPatch = patch / s;
        int lrHeight = pair.Input.Height / s, lrWidth = pair.Input.Width / s;
        if (lrHeight < lrPatch || lrWidth < lrPatch)
        {
            throw new ArgumentException($"The HR image '{pair.Name}' ({pair.Input.Height}x{pair.Input.Width}) is smaller than the {patch}x{patch} patch.");
        }

        int top = random.Next(lrHeight - lrPatch + 1), left = random.Next(lrWidth - lrPatch + 1);
        return (PlanarRegion.Copy(pair.Input, s * top, s * left, patch, patch), null);
    }

    private int[] Order(int seed, long epoch)
    {
        lock (_orderGate)
        {
            if (_lastOrder is not { } last || last.Seed != seed || last.Epoch != epoch)
            {
                last = (seed, epoch, SampleSeeds.Permutation(_pairs.Count, seed, OrderStream, epoch));
                _lastOrder = last;
            }

            return last.Order;
        }
    }

    private static void CheckPatchFits(PreparedPairs pairs, int? patch)
    {
        for (int i = 0; i < pairs.Count; i++)
        {
            PreparedPair pair = pairs[i];
            if (patch is int p && (pair.Input.Height < p || pair.Input.Width < p))
            {
                throw new ArgumentException(
                    $"The HR image of '{pair.Name}' is {pair.Input.Height}x{pair.Input.Width}, smaller than the {p}x{p} patch.", nameof(patch));
            }

            if (pair.Scale != pairs[0].Scale || pair.Input.Channels != pairs[0].Input.Channels)
            {
                throw new ArgumentException(
                    $"All pairs need one scale and one plane count: '{pair.Name}' has x{pair.Scale} and {pair.Input.Channels} planes, " +
                    $"'{pairs[0].Name}' x{pairs[0].Scale} and {pairs[0].Input.Channels}.", nameof(pairs));
            }
        }
    }
}
