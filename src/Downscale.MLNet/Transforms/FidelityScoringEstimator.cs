using Downscale.MLNet.Imaging;
using Downscale.MLNet.Persistence;
using Microsoft.ML;

namespace Downscale.MLNet.Transforms;

/// <summary>
/// Adds PSNR and SSIM columns (RGB and Y, with a border crop; BasicSR's conventions, Downscale.Core.Metrics.Fidelity)
/// comparing two image columns row by row. Created by <c>mlContext.Transforms.ComputeFidelity</c>; fitting reads no data.
/// </summary>
public sealed class FidelityScoringEstimator : IEstimator<FidelityScoringTransformer>
{
    internal const string StageName = "ComputeFidelity";

    /// <summary>An estimator with checked options.</summary>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public FidelityScoringEstimator(FidelityScoringOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        FidelityOptionChecks.Check(options.PredictionColumnName, options.TargetColumnName, options.ColumnPrefix, options.CropBorder);
        ArgumentOutOfRangeException.ThrowIfNegative(options.DegreeOfParallelism, nameof(options.DegreeOfParallelism));
        if (!double.IsFinite(options.DataRange) || options.DataRange <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.DataRange, "DataRange must be a positive finite number.");
        }

        Options = options;
        ImageTypeRegistration.EnsureRegistered();
    }

    /// <summary>The options.</summary>
    public FidelityScoringOptions Options { get; }

    /// <inheritdoc />
    public FidelityScoringTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new FidelityScoringTransformer(Options, input.Schema);
    }

    /// <inheritdoc />
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ImageGeometry prediction = ImageColumns.Require(inputSchema, Options.PredictionColumnName, StageName, "prediction");
        ImageGeometry target = ImageColumns.Require(inputSchema, Options.TargetColumnName, StageName, "target");
        FidelityScoringTransformer.CheckSizes(prediction, target, Options, nameof(inputSchema));
        return ShapeColumns.With(inputSchema, FidelityColumns.All.Select(name => ShapeColumns.Double(Options.ColumnPrefix + name)));
    }
}
