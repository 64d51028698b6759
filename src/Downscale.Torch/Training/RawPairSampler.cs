using System.Globalization;
using Downscale.Core.Data;
using Downscale.Core.Imaging;
using Downscale.Core.Raw;
using Downscale.Torch.Models.RawWavelet;

namespace Downscale.Torch.Training;

/// <summary>
/// Training samples from pairs-v1 RAW pairs for a <see cref="RawWaveletNet"/>: each epoch visits every pair once in a
/// seeded random order; each sample is a random packed LR crop and the model input sampled on the protocol's grid for
/// it (<see cref="RawPackedPair.Crop"/>), optionally transposed, all drawn from (seed, sample index) alone. The input
/// is also the sample's HR (for L_em). Pairs are decoded once and kept in memory (SunHays80's 20 RAW pairs take about
/// 40 MB). Thread-safe.
/// </summary>
public sealed class RawPairSampler : ITrainingSampler
{
    private const long OrderStream = 1, CropStream = 2;

    private readonly RawPackedPair[] _pairs;
    private readonly RawSamplingOptions _options;
    private readonly Lock _orderGate = new();
    private (int Seed, long Epoch, int[] Order)? _lastOrder;

    private RawPairSampler(RawPackedPair[] pairs, RawWaveletOptions model, RawSamplingOptions options)
    {
        _pairs = pairs;
        _options = options;
        CheckPatch(pairs, model, options.LrPatchSize);
        Signature = string.Create(
            CultureInfo.InvariantCulture,
            $"raw_pairs(count={pairs.Length},names={TrainingSignature.Hash([.. pairs.Select(p => p.Name)])},scale={model.Scale}," +
            $"levels={model.Levels},lr_patch={options.LrPatchSize},augment={options.Augment})");
    }

    /// <inheritdoc />
    public long SamplesPerEpoch => _pairs.Length;

    /// <inheritdoc />
    public string Signature { get; }

    /// <summary>Decodes RAW pairs (e.g. <see cref="PairsV1DataSet.EnumerateRaw"/>) for a model with <paramref name="model"/>'s options.</summary>
    /// <exception cref="ArgumentException">No pairs, or the patch is not a multiple of 2^K·n or larger than an LR image.</exception>
    /// <exception cref="InvalidDataException">A pair is unreadable or does not follow the protocol.</exception>
    public static RawPairSampler FromPairs(IEnumerable<RawImagePair> pairs, RawWaveletOptions model, RawSamplingOptions options)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        return new RawPairSampler([.. pairs.Select(p => RawPackedPair.Load(p, model.Scale))], model, options);
    }

    /// <summary>Pairs already decoded.</summary>
    public static RawPairSampler FromLoaded(IEnumerable<RawPackedPair> pairs, RawWaveletOptions model, RawSamplingOptions options)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        return new RawPairSampler([.. pairs], model, options);
    }

    /// <summary>
    /// A validation set of the centre crops (packed LR side <see cref="RawSamplingOptions.LrPatchSize"/>) of the pairs,
    /// never augmented. The trainer's validation PSNR is then that of 8-bit quantised packed planes, a proxy; score
    /// whole images with <see cref="RawEvaluation"/>.
    /// </summary>
    public static ValidationSet ValidationSet(IEnumerable<RawPackedPair> pairs, RawWaveletOptions model, RawSamplingOptions options)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        RawPackedPair[] all = [.. pairs];
        CheckPatch(all, model, options.LrPatchSize);
        int patch = options.LrPatchSize;
        var samples = all.Select(pair =>
        {
            var (input, target) = pair.Crop((pair.Lr.Height - patch) / 2, (pair.Lr.Width - patch) / 2, patch, patch);
            return new TrainingSample(input, target, input);
        });
        string signature = string.Create(
            CultureInfo.InvariantCulture,
            $"raw_validation(count={all.Length},names={TrainingSignature.Hash([.. all.Select(p => p.Name)])},scale={model.Scale},lr_patch={patch})");
        return Training.ValidationSet.FromSamples(samples, cropBorder: 1, signature);
    }

    /// <inheritdoc />
    public TrainingSample Draw(int seed, long sampleIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sampleIndex);
        long epoch = sampleIndex / _pairs.Length;
        RawPackedPair pair = _pairs[Order(seed, epoch)[(int)(sampleIndex % _pairs.Length)]];
        Random random = SampleSeeds.Random(seed, CropStream, sampleIndex);
        int patch = _options.LrPatchSize;
        int top = random.Next(pair.Lr.Height - patch + 1), left = random.Next(pair.Lr.Width - patch + 1);
        var (input, target) = pair.Crop(top, left, patch, patch);
        if (_options.Augment && random.Next(2) == 1)
        {
            input = RawPackedPair.Transpose(input);
            target = RawPackedPair.Transpose(target);
        }

        return new TrainingSample(input, target, input);
    }

    private int[] Order(int seed, long epoch)
    {
        lock (_orderGate)
        {
            if (_lastOrder is not { } last || last.Seed != seed || last.Epoch != epoch)
            {
                last = (seed, epoch, SampleSeeds.Permutation(_pairs.Length, seed, OrderStream, epoch));
                _lastOrder = last;
            }

            return last.Order;
        }
    }

    private static void CheckPatch(RawPackedPair[] pairs, RawWaveletOptions model, int patch)
    {
        if (pairs.Length == 0)
        {
            throw new ArgumentException("The RAW pair set is empty.", nameof(pairs));
        }

        if (patch % model.OutputBlock != 0)
        {
            throw new ArgumentException(
                $"The packed LR patch {patch} must be a multiple of {model.OutputBlock} (2^K·n for x{model.Scale} with K = {model.Levels}).", nameof(patch));
        }

        foreach (RawPackedPair pair in pairs)
        {
            if (pair.Plan.Scale != model.Scale)
            {
                throw new ArgumentException($"'{pair.Name}' was loaded for x{pair.Plan.Scale}, but the model is x{model.Scale}.", nameof(pairs));
            }

            if (pair.Lr.Height < patch || pair.Lr.Width < patch)
            {
                throw new ArgumentException(
                    $"The packed LR image of '{pair.Name}' is {pair.Lr.Height}x{pair.Lr.Width}, smaller than the {patch}x{patch} patch.", nameof(patch));
            }
        }
    }
}
