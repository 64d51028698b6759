using Downscale.Core.Raw;
using Downscale.MLNet.Raw;
using Downscale.Torch.Models.RawWavelet;
using Downscale.Torch.Native;
using Downscale.Torch.Training;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Downscale.MLNet.Torch;

/// <summary>
/// Trains the RAW wavelet model inside an ML.NET pipeline (<c>mlContext.Downscaling().Trainers.RawWavelet</c>): reads
/// the HR and LR RAW frame columns, runs the one generic <see cref="Trainer"/> with <see cref="RawWaveletObjective"/>
/// and <see cref="RawPairSampler"/> (progress, checkpoints, resume), and returns the <c>DownscaleRaw</c> transformer
/// running the trained model on the HR column.
/// </summary>
public sealed class RawWaveletTrainer : DownscalerTrainer<RawWaveletTrainerOptions, RawWaveletOptions, RawTransformer>
{
    private const string StageName = "RawWavelet trainer";

    /// <summary>A trainer with checked options.</summary>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public RawWaveletTrainer(RawWaveletTrainerOptions options)
        : base(options, static o => ArgumentNullException.ThrowIfNull(o.Sampling, "options.Sampling"))
    {
        foreach (double weight in new[] { options.ContentWeight, options.WaveletWeight, options.EnergyWeight })
        {
            if (!double.IsFinite(weight) || weight < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(options), weight, "The loss weights must be finite and not negative.");
            }
        }
    }

    /// <inheritdoc />
    public override SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        RawColumns.Require(inputSchema, Options.LrColumnName, RawInputKind.Frame, StageName, "LR");
        return TransformerEstimator(null).GetOutputSchema(inputSchema);
    }

    /// <summary>Trains (or resumes, with a run folder) and returns the RAW downscaling transformer.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A column is missing or is not a RAW frame column.</exception>
    /// <exception cref="ArgumentException">A pair does not fit the model's scale, or there are no rows.</exception>
    public override RawTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        RawColumns.Require(input.Schema, Options.HrColumnName, RawInputKind.Frame, StageName, "HR");
        RawColumns.Require(input.Schema, Options.LrColumnName, RawInputKind.Frame, StageName, "LR");
        TorchNative.EnsureLoaded();
        List<RawPackedPair> training = ReadPairs(input);
        var sampler = RawPairSampler.FromLoaded(training, Options.Model, Options.Sampling);
        ValidationSet? validation = Options.ValidationData is { } data ? RawPairSampler.ValidationSet(ReadPairs(data), Options.Model, Options.Sampling) : null;
        TrainingResult result = Train(
            Options.Model.ToMetadata(), static model => new RawWaveletNet(model),
            () => new RawWaveletObjective(Options.ContentWeight, Options.WaveletWeight, Options.EnergyWeight), sampler, validation, out RawWaveletNet network);
        string name = RawWaveletDownscaler.DefaultName(Options.Model.Scale) + "-trained";
        return TransformerEstimator(RawWaveletDownscaler.FromNetwork(network, name, result)).Fit(input);
    }

    /// <summary>The DownscaleRaw estimator of the fitted transformer (an interpolation stand-in of the same scale for schema propagation before training).</summary>
    private RawDownscalingEstimator TransformerEstimator(RawWaveletDownscaler? model) => new(new RawDownscalingOptions
    {
        OutputColumnName = Options.OutputColumnName,
        InputColumnName = Options.HrColumnName,
        Model = model,
        Scale = model is null ? Options.Model.Scale : null,
    });

    /// <summary>Reads every pair of <paramref name="data"/> and packs it on the protocol's grid.</summary>
    private List<RawPackedPair> ReadPairs(IDataView data)
    {
        DataViewSchema.Column hr = data.Schema[Options.HrColumnName], lr = data.Schema[Options.LrColumnName];
        return ReadPairs<RawPackedPair>(data, hr, lr, cursor =>
        {
            ValueGetter<RawFrame> readHr = cursor.GetGetter<RawFrame>(hr), readLr = cursor.GetGetter<RawFrame>(lr);
            return name =>
            {
                RawFrame hrFrame = null!, lrFrame = null!;
                readHr(ref hrFrame);
                readLr(ref lrFrame);
                return RawPackedPair.FromFrames(name, hrFrame, lrFrame, Options.Model.Scale);
            };
        });
    }
}
