using System.Globalization;
using Downscale.Torch.Training;
using Microsoft.ML;
using Microsoft.ML.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace Downscale.MLNet.Torch;

/// <summary>
/// What every trainer estimator here does (<see cref="AdkNetTrainer"/>, <see cref="RawWaveletTrainer"/>): check the
/// common options, read the HR/LR pairs of an <see cref="IDataView"/>, and run Downscale.Torch's one generic
/// <see cref="Trainer"/> (progress, checkpoints, resume, validation) on a freshly seeded network.
/// </summary>
/// <typeparam name="TOptions">The trainer's options.</typeparam>
/// <typeparam name="TModel">The architecture's options.</typeparam>
/// <typeparam name="TTransformer">The fitted transformer.</typeparam>
public abstract class DownscalerTrainer<TOptions, TModel, TTransformer> : IEstimator<TTransformer>
    where TOptions : DownscalerTrainerOptions<TModel>
    where TModel : class
    where TTransformer : ITransformer
{
    /// <summary>Checks the options that every trainer has; <paramref name="validateModel"/> checks the architecture first.</summary>
    private protected DownscalerTrainer(TOptions options, Action<TOptions> validateModel)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.Model);
        validateModel(options);
        options.Training.Validate();
        ArgumentException.ThrowIfNullOrWhiteSpace(options.HrColumnName);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.LrColumnName);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.OutputColumnName);
        Options = options;
    }

    /// <summary>The options.</summary>
    public TOptions Options { get; }

    /// <inheritdoc />
    public abstract SchemaShape GetOutputSchema(SchemaShape inputSchema);

    /// <summary>Trains (or resumes, with a run folder) and returns the fitted transformer.</summary>
    public abstract TTransformer Fit(IDataView input);

    /// <summary>
    /// Seeds libtorch, creates the network and the objective, and trains; without validation data a schedule that needs
    /// validation falls back to a constant rate. The objective is disposed afterwards when it is disposable.
    /// </summary>
    private protected TrainingResult Train<TNetwork>(
        IReadOnlyDictionary<string, string> modelMetadata, Func<TModel, TNetwork> createNetwork, Func<ITrainingObjective> createObjective,
        ITrainingSampler sampler, ValidationSet? validation, out TNetwork network)
        where TNetwork : nn.Module<Tensor, Tensor>
    {
        TrainerOptions trainerOptions = Options.Training with
        {
            ModelMetadata = Options.Training.ModelMetadata ?? modelMetadata,
            Schedule = validation is null && Options.Training.Schedule.NeedsValidation ? LearningRateSchedule.Constant : Options.Training.Schedule,
        };

        random.manual_seed(trainerOptions.Seed);
        network = createNetwork(Options.Model);
        ITrainingObjective objective = createObjective();
        try
        {
            return new Trainer(network, objective, sampler, trainerOptions, validation).Run(Options.Progress, Options.CancellationToken);
        }
        finally
        {
            (objective as IDisposable)?.Dispose();
        }
    }

    /// <summary>
    /// Reads every pair of <paramref name="data"/>: <paramref name="bind"/> makes, on the cursor, the reader of one pair
    /// given its name (the text column <c>Name</c> when there is one, else <c>row</c> and the position).
    /// </summary>
    /// <exception cref="ArgumentException">There are no rows.</exception>
    private protected static List<TPair> ReadPairs<TPair>(
        IDataView data, DataViewSchema.Column hr, DataViewSchema.Column lr, Func<DataViewRowCursor, Func<string, TPair>> bind)
    {
        DataViewSchema.Column? name = data.Schema.GetColumnOrNull("Name") is { Type: TextDataViewType } n ? n : null;
        using DataViewRowCursor cursor = data.GetRowCursor(name is { } nameColumn ? [hr, lr, nameColumn] : [hr, lr]);
        Func<string, TPair> read = bind(cursor);
        ValueGetter<ReadOnlyMemory<char>>? readName = name is { } column ? cursor.GetGetter<ReadOnlyMemory<char>>(column) : null;
        var pairs = new List<TPair>();
        while (cursor.MoveNext())
        {
            ReadOnlyMemory<char> text = default;
            readName?.Invoke(ref text);
            pairs.Add(read(readName is null ? string.Create(CultureInfo.InvariantCulture, $"row{cursor.Position}") : text.ToString()));
        }

        return pairs.Count > 0 ? pairs : throw new ArgumentException("The training data holds no rows.", nameof(data));
    }
}
