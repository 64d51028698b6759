using System.Globalization;
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
public sealed class RawWaveletTrainer : IEstimator<RawTransformer>
{
    private const string StageName = "RawWavelet trainer";

    /// <summary>A trainer with checked options.</summary>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public RawWaveletTrainer(RawWaveletTrainerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.Model);
        ArgumentNullException.ThrowIfNull(options.Sampling);
        options.Training.Validate();
        ArgumentException.ThrowIfNullOrWhiteSpace(options.HrColumnName);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.LrColumnName);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.OutputColumnName);
        foreach (double weight in new[] { options.ContentWeight, options.WaveletWeight, options.EnergyWeight })
        {
            if (!double.IsFinite(weight) || weight < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(options), weight, "The loss weights must be finite and not negative.");
            }
        }

        Options = options;
    }

    /// <summary>The options.</summary>
    public RawWaveletTrainerOptions Options { get; }

    /// <inheritdoc />
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        RawColumns.Require(inputSchema, Options.LrColumnName, RawInputKind.Frame, StageName, "LR");
        return TransformerEstimator(null).GetOutputSchema(inputSchema);
    }

    /// <summary>Trains (or resumes, with a run folder) and returns the RAW downscaling transformer.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A column is missing or is not a RAW frame column.</exception>
    /// <exception cref="ArgumentException">A pair does not fit the model's scale, or there are no rows.</exception>
    public RawTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        RawColumns.Require(input.Schema, Options.HrColumnName, RawInputKind.Frame, StageName, "HR");
        RawColumns.Require(input.Schema, Options.LrColumnName, RawInputKind.Frame, StageName, "LR");
        TorchNative.EnsureLoaded();
        List<RawPackedPair> training = ReadPairs(input);
        var sampler = RawPairSampler.FromLoaded(training, Options.Model, Options.Sampling);
        ValidationSet? validation = Options.ValidationData is { } data ? RawPairSampler.ValidationSet(ReadPairs(data), Options.Model, Options.Sampling) : null;
        TrainerOptions trainerOptions = Options.Training with
        {
            ModelMetadata = Options.Training.ModelMetadata ?? Options.Model.ToMetadata(),
            Schedule = validation is null && Options.Training.Schedule.NeedsValidation ? LearningRateSchedule.Constant : Options.Training.Schedule,
        };

        TorchSharp.torch.random.manual_seed(trainerOptions.Seed);
        var network = new RawWaveletNet(Options.Model);
        var objective = new RawWaveletObjective(Options.ContentWeight, Options.WaveletWeight, Options.EnergyWeight);
        TrainingResult result = new Trainer(network, objective, sampler, trainerOptions, validation).Run(Options.Progress, Options.CancellationToken);
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
        DataViewSchema.Column? name = data.Schema.GetColumnOrNull("Name") is { Type: TextDataViewType } n ? n : null;
        using DataViewRowCursor cursor = data.GetRowCursor(name is { } nameColumn ? [hr, lr, nameColumn] : [hr, lr]);
        ValueGetter<RawFrame> readHr = cursor.GetGetter<RawFrame>(hr), readLr = cursor.GetGetter<RawFrame>(lr);
        ValueGetter<ReadOnlyMemory<char>>? readName = name is { } column ? cursor.GetGetter<ReadOnlyMemory<char>>(column) : null;
        var pairs = new List<RawPackedPair>();
        while (cursor.MoveNext())
        {
            RawFrame hrFrame = null!, lrFrame = null!;
            ReadOnlyMemory<char> text = default;
            readHr(ref hrFrame);
            readLr(ref lrFrame);
            readName?.Invoke(ref text);
            string pairName = readName is null ? string.Create(CultureInfo.InvariantCulture, $"row{cursor.Position}") : text.ToString();
            pairs.Add(RawPackedPair.FromFrames(pairName, hrFrame, lrFrame, Options.Model.Scale));
        }

        return pairs.Count > 0 ? pairs : throw new ArgumentException("The training data holds no rows.", nameof(data));
    }
}
