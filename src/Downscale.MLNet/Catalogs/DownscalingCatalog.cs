using Downscale.Core.Imaging;
using Downscale.MLNet.Data;
using Downscale.MLNet.Evaluation;
using Downscale.MLNet.IO;
using Downscale.MLNet.Persistence;
using Downscale.MLNet.Transforms;
using Microsoft.ML;

namespace Downscale.MLNet;

/// <summary>
/// Downscaling operations on an <see cref="MLContext"/> (<c>mlContext.Downscaling()</c>): evaluation, method comparison,
/// saving image columns, and the trainers (<see cref="Trainers"/>, extended by Downscale.MLNet.Torch).
/// </summary>
public sealed class DownscalingCatalog
{
    internal DownscalingCatalog(MLContext context)
    {
        Context = context;
        Trainers = new DownscalingTrainers(context);
    }

    /// <summary>The context this catalog belongs to.</summary>
    public MLContext Context { get; }

    /// <summary>The trainers of learned downscalers (<c>.AdkNet(options)</c> comes with Downscale.MLNet.Torch).</summary>
    public DownscalingTrainers Trainers { get; }

    /// <summary>
    /// Loads a saved pipeline like <c>mlContext.Model.Load</c>, with three additions: it registers Downscale.MLNet's
    /// stages with the context (no separate call), it turns a damaged or unreadable file into a
    /// <see cref="DownscalingModelException"/> that names the file, and it builds every downscaling and fidelity stage
    /// now (learned models included), so a corrupt or incompatible stage is refused here rather than at the first row.
    /// A plain <c>mlContext.Model.Load</c> after <c>RegisterAssembly</c> restores the same pipeline.
    /// </summary>
    /// <param name="path">The model file written by <c>mlContext.Model.Save</c>.</param>
    /// <param name="inputSchema">The input schema saved with the model.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="DownscalingModelException">The file is damaged, not an ML.NET model, or one of our stages is corrupt, from an incompatible version, or needs an engine this application lacks.</exception>
    public ITransformer LoadModel(string path, out DataViewSchema inputSchema)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The model file '{path}' does not exist.", path);
        }

        Context.ComponentCatalog.RegisterAssembly(typeof(DownscalingCatalog).Assembly);
        ITransformer model;
        try
        {
            model = Context.Model.Load(path, out inputSchema);
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or System.Reflection.TargetInvocationException or InvalidOperationException or EndOfStreamException)
        {
            Exception cause = e;
            while (cause is System.Reflection.TargetInvocationException { InnerException: { } inner })
            {
                cause = inner;
            }

            throw new DownscalingModelException(
                $"'{path}' cannot be loaded as an ML.NET model: the file is damaged or is not a saved pipeline ({cause.GetType().Name}: {cause.Message}).", e);
        }

        StageVerification.Verify(Context, model);
        return model;
    }

    /// <summary>Builds every downscaling and fidelity stage of a loaded pipeline now, and describes them.</summary>
    /// <param name="model">A pipeline, for example from <c>mlContext.Model.Load</c>.</param>
    /// <exception cref="DownscalingModelException">A stage is corrupt, from an incompatible version, or needs an engine this application lacks.</exception>
    public IReadOnlyList<VerifiedStage> Verify(ITransformer model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return StageVerification.Verify(Context, model);
    }

    /// <summary>
    /// Scores a prediction image column against a target image column over every row and returns the means, as
    /// <c>mlContext.Regression.Evaluate</c> does for a regressor.
    /// </summary>
    /// <param name="data">The scored data, for example the output of a pipeline with <c>DownscaleImages</c>.</param>
    /// <param name="targetColumnName">The ground-truth image column.</param>
    /// <param name="predictionColumnName">The image column being judged.</param>
    /// <param name="cropBorder">Pixels removed from each border (the scale, in the papers' convention).</param>
    /// <exception cref="ArgumentOutOfRangeException">A column is missing or is not an image column.</exception>
    /// <exception cref="ArgumentException">The data has no rows.</exception>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "Catalog verbs are instance methods, as in ML.NET's catalogs.")]
    public DownscalingMetrics Evaluate(IDataView data, string targetColumnName, string predictionColumnName, int cropBorder = 0)
    {
        ArgumentNullException.ThrowIfNull(data);
        const string prefix = "__evaluate_";
        var scorer = new FidelityScoringEstimator(new FidelityScoringOptions
        {
            PredictionColumnName = predictionColumnName,
            TargetColumnName = targetColumnName,
            CropBorder = cropBorder,
            ColumnPrefix = prefix,
        });
        return FidelityAverages.Compute(scorer.Fit(data).Transform(data), prefix);
    }

    /// <summary>
    /// Scores several downscalers on the same pairs and returns the paper-style table: each method downscales every HR
    /// image and is scored against the ground-truth LR with a border crop of the scale.
    /// </summary>
    /// <param name="pairs">Pairs with HR and LR path columns (<c>mlContext.Data.LoadPairsV1</c> and its siblings).</param>
    /// <param name="methods">
    /// The methods, each as the options of <c>DownscaleImages</c> (their column names are replaced); the scale of each
    /// must match the pairs'.
    /// </param>
    /// <param name="cropBorder">Pixels removed from each border; the method's scale (rounded) when null.</param>
    public DownscalingComparison Compare(IDataView pairs, IEnumerable<ImageDownscalingOptions> methods, int? cropBorder = null)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(methods);
        var rows = new List<ComparedMethod>();
        foreach (ImageDownscalingOptions method in methods)
        {
            ArgumentNullException.ThrowIfNull(method);
            var options = method with { InputColumnName = "__compare_hr", OutputColumnName = "__compare_prediction" };
            double scale = options.Scale ?? options.Model?.Scale ?? ImageDownscalingOptions.Defaults.Scale;
            var pipeline = Context.Transforms.LoadImages("__compare_hr", null, ImagePairRow.Columns.HrPath)
                .Append(new ImageDownscalingEstimator(options))
                .Append(Context.Transforms.LoadImages("__compare_target", null, ImagePairRow.Columns.LrPath));
            IDataView scored = pipeline.Fit(pairs).Transform(pairs);
            DownscalingMetrics metrics = Evaluate(scored, "__compare_target", "__compare_prediction", cropBorder ?? (int)Math.Round(scale));
            rows.Add(new ComparedMethod(options.Model?.Name ?? options.Method, scale, metrics));
        }

        return rows.Count > 0 ? new DownscalingComparison(rows) : throw new ArgumentException("Name at least one method to compare.", nameof(methods));
    }

    /// <summary>Scores classic methods (by name) at one scale on the same pairs; see the other overload.</summary>
    /// <param name="pairs">Pairs with HR and LR path columns.</param>
    /// <param name="scale">The pairs' scale.</param>
    /// <param name="methods">Classic method names (nearest, bicubic-pil, area, ...).</param>
    public DownscalingComparison Compare(IDataView pairs, double scale, params IEnumerable<string> methods)
    {
        ArgumentNullException.ThrowIfNull(methods);
        return Compare(pairs, methods.Select(m => new ImageDownscalingOptions { OutputColumnName = "unused", Method = m, Scale = scale }));
    }

    /// <summary>
    /// Writes an image column to files (PNG unless the options say JPEG), one per row, named by a text column (its file
    /// name part; the extension is replaced), each written atomically.
    /// </summary>
    /// <param name="data">The data; rows are read in order, so lazy stages compute as usual.</param>
    /// <param name="imageColumnName">The image column.</param>
    /// <param name="outputFolder">The folder to write into (created when missing).</param>
    /// <param name="fileNameColumnName">The text column naming each file (for example <c>Name</c> of a pairs view, or an image path).</param>
    /// <param name="options">Format and bit depth; 8-bit PNG when null.</param>
    /// <param name="degreeOfParallelism">Files encoded at once; 0 for one per core.</param>
    /// <returns>The paths written, in row order.</returns>
    /// <exception cref="InvalidOperationException">Two rows would write the same file, or a row has no image.</exception>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "Catalog verbs are instance methods, as in ML.NET's catalogs.")]
    public IReadOnlyList<string> SaveImages(
        IDataView data, string imageColumnName, string outputFolder, string fileNameColumnName, ImageWriteOptions? options = null, int degreeOfParallelism = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(degreeOfParallelism);
        return ImageColumnWriter.Write(data, imageColumnName, outputFolder, fileNameColumnName, options ?? ImageWriteOptions.Default with { Format = ImageFileFormat.Png }, degreeOfParallelism);
    }
}

/// <summary>The trainers of learned downscalers, reached as <c>mlContext.Downscaling().Trainers</c>; extension methods add them (Downscale.MLNet.Torch adds <c>AdkNet</c>).</summary>
public sealed class DownscalingTrainers
{
    internal DownscalingTrainers(MLContext context) => Context = context;

    /// <summary>The context the trainers belong to.</summary>
    public MLContext Context { get; }
}

/// <summary>The entry point <c>mlContext.Downscaling()</c>.</summary>
public static class MLContextDownscalingExtensions
{
    /// <summary>Downscaling operations: evaluation, comparison, saving images, trainers.</summary>
    public static DownscalingCatalog Downscaling(this MLContext mlContext)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        return new DownscalingCatalog(mlContext);
    }
}
