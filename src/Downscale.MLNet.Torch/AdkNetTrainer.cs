using System.Globalization;
using Downscale.Core.Data;
using Downscale.Core.Imaging;
using Downscale.MLNet.Imaging;
using Downscale.MLNet.Transforms;
using Downscale.Torch.Models.AdkNet;
using Downscale.Torch.Native;
using Downscale.Torch.Training;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Image;

namespace Downscale.MLNet.Torch;

/// <summary>
/// Trains ADK-Net on HR/LR pairs: <see cref="Fit"/> runs Downscale.Torch's <see cref="Trainer"/> (progress,
/// checkpoints, resume, validation) and returns a downscaling transformer that reads the HR column, saves with
/// <c>mlContext.Model.Save</c> and loads where Downscale.MLNet.Torch is referenced.
/// </summary>
public sealed class AdkNetTrainer : DownscalerTrainer<AdkNetTrainerOptions, AdkNetOptions, ImageDownscalingTransformer>
{
    private const string StageName = "AdkNet trainer";

    /// <summary>A trainer with checked options.</summary>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public AdkNetTrainer(AdkNetTrainerOptions options)
        : base(options, static o => o.Model.Validate())
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.DegreeOfParallelism, 1);
        if (!Enum.IsDefined(options.Engine))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Engine, $"Engine must be {LearnedEngine.TorchSharp} or {LearnedEngine.Onnx}.");
        }

        ImageTypeRegistration.EnsureRegistered();
    }

    /// <inheritdoc />
    public override SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        RequirePairColumn(inputSchema, Options.LrColumnName, nameof(inputSchema));
        return RequirePairColumn(inputSchema, Options.HrColumnName, nameof(inputSchema)) is ImageDataViewType
            ? TransformerEstimator().GetOutputSchema(inputSchema)
            : inputSchema; // Trained on paths: the transformer then reads an image column of the same name.
    }

    /// <summary>Trains (or resumes, with a run folder) and returns the downscaling transformer.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A column is missing or of the wrong type.</exception>
    /// <exception cref="InvalidDataException">A pair's sizes disagree with the scale.</exception>
    public override ImageDownscalingTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        TorchNative.EnsureLoaded();
        int scale = Options.Model.Scale;
        List<LoadedPair> training = ReadPairs(input, scale);
        Func<PlanarImage, PlanarImage>? prepare = Options.Model.FieldAware ? FieldCoordinates.Append : null;
        PairSamplingOptions sampling = Options.Sampling with { FieldCoordinates = Options.Model.FieldAware };
        var sampler = PairCropSampler.FromLoaded(training, sampling);
        ValidationSet? validation = Options.ValidationData is { } data ? Validation(ReadPairs(data, scale), prepare) : null;
        TrainingResult result = Train(
            Options.Model.ToMetadata(), static model => new AdkNet(model),
            () => new DownscalingObjective(Options.FidelityWeight, Options.RestorabilityWeight), sampler, validation, out AdkNet network);
        string name = string.Create(CultureInfo.InvariantCulture, $"adknet-x{scale}-trained");
        var trained = AdkNetDownscaler.FromNetwork(network, name, result);
        Learned.LearnedDownscaler engine = Options.Engine == LearnedEngine.Onnx ? trained.ToOnnx() : trained;
        return TransformerEstimator(engine).Fit(ImageInput(input));
    }

    private ImageDownscalingEstimator TransformerEstimator(Learned.LearnedDownscaler? model = null) => new(new ImageDownscalingOptions
    {
        OutputColumnName = Options.OutputColumnName,
        InputColumnName = Options.HrColumnName,
        Model = model ?? (Learned.LearnedDownscaler)Learned.LearnedDownscaler.FromTileDownscaler(Options.Model.Scale, "adknet (untrained)", () => throw new InvalidOperationException("Fit the trainer first.")),
        Tiling = Options.Tiling,
        DegreeOfParallelism = Options.DegreeOfParallelism,
    });

    /// <summary>The data the transformer is fitted on: the input, or (trained on paths) an image column of the HR column's name.</summary>
    private IDataView ImageInput(IDataView input)
    {
        if (input.Schema[Options.HrColumnName].Type is ImageDataViewType)
        {
            return input;
        }

        var schema = new DataViewSchema.Builder();
        schema.AddColumn(Options.HrColumnName, new ImageDataViewType());
        return new Persistence.SchemaOnlyDataView(schema.ToSchema());
    }

    private ValidationSet Validation(List<LoadedPair> pairs, Func<PlanarImage, PlanarImage>? prepare)
    {
        var samples = pairs.Select(p => new TrainingSample(prepare?.Invoke(p.Hr) ?? p.Hr, p.Lr, p.Hr));
        string signature = string.Create(
            CultureInfo.InvariantCulture, $"mlnet-validation(count={pairs.Count},names={string.Join('|', pairs.Select(p => p.Name))},scale={Options.Model.Scale})");
        return ValidationSet.FromSamples(samples, Options.Model.Scale, signature);
    }

    /// <summary>Decodes every pair of <paramref name="data"/> (paths through <see cref="PairLoader"/>, images from their columns) and mod-crops each HR.</summary>
    private List<LoadedPair> ReadPairs(IDataView data, int scale)
    {
        DataViewSchema.Column hr = Column(data.Schema, Options.HrColumnName);
        DataViewSchema.Column lr = Column(data.Schema, Options.LrColumnName);
        return ReadPairs<LoadedPair>(data, hr, lr, cursor =>
        {
            Func<PlanarImage> readHr = Reader(cursor, hr), readLr = Reader(cursor, lr);
            return name => ModCrop(name, readHr(), readLr(), scale);
        });
    }

    private static Func<PlanarImage> Reader(DataViewRowCursor cursor, DataViewSchema.Column column)
    {
        if (column.Type is ImageDataViewType)
        {
            ValueGetter<MLImage> getter = cursor.GetGetter<MLImage>(column);
            return () =>
            {
                MLImage image = null!;
                getter(ref image);
                return image?.ToPlanarImage() ?? throw new InvalidOperationException($"Column '{column.Name}' holds no image in row {cursor.Position}.");
            };
        }

        ValueGetter<ReadOnlyMemory<char>> path = cursor.GetGetter<ReadOnlyMemory<char>>(column);
        return () =>
        {
            ReadOnlyMemory<char> value = default;
            path(ref value);
            return ImageFile.Read(value.ToString());
        };
    }

    private static LoadedPair ModCrop(string name, PlanarImage hr, PlanarImage lr, int scale)
    {
        int height = lr.Height * scale, width = lr.Width * scale;
        if (hr.Height < height || hr.Width < width || hr.Height - height >= scale || hr.Width - width >= scale)
        {
            throw new InvalidDataException(
                $"Pair '{name}': the HR image is {hr.Width}x{hr.Height} but the LR image is {lr.Width}x{lr.Height}; at scale {scale} the HR must be " +
                $"{width}x{height}, or larger by fewer than {scale} pixels per axis (which are cropped).");
        }

        if (hr.Height == height && hr.Width == width)
        {
            return new LoadedPair(name, hr, lr, scale);
        }

        var cropped = new PlanarImage(hr.Channels, height, width);
        for (int c = 0; c < hr.Channels; c++)
        {
            for (int y = 0; y < height; y++)
            {
                hr.Row(c, y)[..width].CopyTo(cropped.Row(c, y));
            }
        }

        return new LoadedPair(name, cropped, lr, scale);
    }

    private static DataViewSchema.Column Column(DataViewSchema schema, string name) =>
        schema.GetColumnOrNull(name) is { } column && column.Type is ImageDataViewType or TextDataViewType
            ? column
            : throw new ArgumentOutOfRangeException(nameof(schema), Describe(name, schema.GetColumnOrNull(name)?.Type));

    private static DataViewType RequirePairColumn(SchemaShape shape, string name, string paramName)
    {
        foreach (SchemaShape.Column column in shape)
        {
            if (column.Name == name)
            {
                return column.Kind == SchemaShape.Column.VectorKind.Scalar && column.ItemType is ImageDataViewType or TextDataViewType
                    ? column.ItemType
                    : throw new ArgumentOutOfRangeException(paramName, Describe(name, column.ItemType));
            }
        }

        throw new ArgumentOutOfRangeException(paramName, Describe(name, null));
    }

    private static string Describe(string name, DataViewType? found) => found is null
        ? $"{StageName}: the column '{name}' is not in the training data; it needs an image column (LoadImages) or a text column of image paths."
        : $"{StageName}: the column '{name}' is {found}; it needs an image column (LoadImages) or a text column of image paths.";
}
