using Downscale.Core.Metrics;
using Downscale.MLNet.Persistence;
using Downscale.MLNet.Persistence.Workers;
using Downscale.MLNet.Stages;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Downscale.MLNet.Transforms;

/// <summary>
/// The fitted fidelity stage: four double columns per row (<see cref="FidelityColumns"/>), computed lazily and several
/// rows at once; saves with <c>mlContext.Model.Save</c> and works in <c>PredictionEngine</c>.
/// </summary>
public sealed class FidelityScoringTransformer : StageTransformer
{
    private readonly StageBinding binding;

    internal FidelityScoringTransformer(FidelityScoringOptions options, DataViewSchema inputSchema)
    {
        ImageGeometry prediction = ImageColumns.Require(inputSchema, options.PredictionColumnName, FidelityScoringEstimator.StageName, "prediction");
        ImageGeometry target = ImageColumns.Require(inputSchema, options.TargetColumnName, FidelityScoringEstimator.StageName, "target");
        CheckSizes(prediction, target, options, nameof(inputSchema));
        var config = new FidelityStageConfig
        {
            Inputs = [prediction, target],
            PredictionColumn = options.PredictionColumnName,
            TargetColumn = options.TargetColumnName,
            CropBorder = options.CropBorder,
            QuantizeTo8Bit = options.QuantizeTo8Bit,
            DataRange = options.DataRange,
        };
        string prefix = options.ColumnPrefix;
        OutputColumnNames = [.. FidelityColumns.All.Select(name => prefix + name)];
        string[] workerColumns = [StageColumns.PsnrRgb, StageColumns.PsnrY, StageColumns.SsimRgb, StageColumns.SsimY];
        binding = new StageBinding(
            FidelityScoringEstimator.StageName,
            new FidelityStage(config),
            StageConfigText.Write(config),
            inputSchema,
            [prediction, target],
            PortableStageChain.FidelityWorker(prediction, target),
            [
                new StageOutputColumn<double>(OutputColumnNames[0], static r => ((FidelityScores)r).PsnrRgb),
                new StageOutputColumn<double>(OutputColumnNames[1], static r => ((FidelityScores)r).PsnrY),
                new StageOutputColumn<double>(OutputColumnNames[2], static r => ((FidelityScores)r).SsimRgb),
                new StageOutputColumn<double>(OutputColumnNames[3], static r => ((FidelityScores)r).SsimY),
            ],
            [.. OutputColumnNames.Select((name, i) => new PortableOutput(name, workerColumns[i], null))],
            options.DegreeOfParallelism == 0 ? Environment.ProcessorCount : options.DegreeOfParallelism,
            notSaveable: null);
    }

    /// <summary>The four output columns: PSNR RGB, PSNR Y, SSIM RGB, SSIM Y.</summary>
    public IReadOnlyList<string> OutputColumnNames { get; }

    /// <inheritdoc />
    private protected override IStageBinding Binding => binding;

    /// <summary>Refuses, from the schema alone, two fixed sizes that differ or leave no room for SSIM's window.</summary>
    internal static void CheckSizes(ImageGeometry prediction, ImageGeometry target, FidelityScoringOptions options, string paramName)
    {
        if (prediction.IsKnown && target.IsKnown && prediction != target)
        {
            throw new ArgumentOutOfRangeException(
                paramName,
                $"{FidelityScoringEstimator.StageName}: column '{options.PredictionColumnName}' is Image<{prediction.Height}, {prediction.Width}> but " +
                $"column '{options.TargetColumnName}' is Image<{target.Height}, {target.Width}>; the images compared must have one size.");
        }

        int minimum = (2 * options.CropBorder) + 11;
        if (prediction.IsKnown && (prediction.Height < minimum || prediction.Width < minimum))
        {
            throw new ArgumentOutOfRangeException(
                paramName,
                $"{FidelityScoringEstimator.StageName}: column '{options.PredictionColumnName}' is Image<{prediction.Height}, {prediction.Width}>, smaller than the " +
                $"{minimum}x{minimum} that an 11x11 SSIM window needs after a crop of {options.CropBorder} pixels per border.");
        }
    }
}
