using Downscale.MLNet.Persistence.Workers;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;
using Microsoft.ML.Transforms.Image;

namespace Downscale.MLNet.Persistence;

/// <summary>One image input of a persisted stage: the user's column and its size when the schema fixes it.</summary>
internal sealed record PortableInput(string Column, ImageGeometry Geometry);

/// <summary>One output of a persisted stage: the user's column, the worker's column, and the image size when fixed.</summary>
internal sealed record PortableOutput(string Column, string WorkerColumn, ImageGeometry? Image);

/// <summary>
/// Builds the saveable form of one of our stages out of ML.NET's own transformers, which is what <c>Model.Save</c>
/// writes and a plain <c>Model.Load</c> restores:
/// <list type="number">
/// <item>a <c>CustomMapping</c> that emits a constant key;</item>
/// <item><c>MapValue</c> from that key to the stage's configuration text (settings and learned weights): ML.NET stores
/// the map inside the model file, so the stage's state travels with it and comes back without any extra file;</item>
/// <item>the inputs under the worker's column names (<c>CopyColumns</c>, or <c>ExtractPixels</c> for fixed-size image
/// columns, which ML.NET cannot bind to an <c>MLImage</c> member);</item>
/// <item>the worker <c>CustomMapping</c>, which finds its stage through the configuration and computes the row;</item>
/// <item>the outputs under the user's names (<c>CopyColumns</c>, or a same-size <c>ResizeImages</c> that gives a fixed-size
/// image column its <c>Image&lt;h, w&gt;</c> type, which <c>ExtractPixels</c> downstream needs);</item>
/// <item><c>DropColumns</c> of every temporary column.</item>
/// </list>
/// </summary>
internal static class PortableStageChain
{
    /// <summary>Fits the chain on <paramref name="inputSchema"/> (no data is read).</summary>
    public static TransformerChain<ITransformer> Build(
        DataViewSchema inputSchema, string configText, IReadOnlyList<PortableInput> inputs, Func<MLContext, IEstimator<ITransformer>> worker,
        IReadOnlyList<PortableOutput> outputs)
    {
        // TransformsCatalog does not expose its MLContext to extensions (CatalogUtils.GetEnvironment is internal), so the
        // stages are built with a context of their own; a transformer keeps no link to the context that matters here.
        var ml = new MLContext(seed: 0);
        var transformers = new List<ITransformer>();
        IDataView current = new SchemaOnlyDataView(inputSchema);
        void Add(IEstimator<ITransformer> estimator)
        {
            ITransformer transformer = estimator.Fit(current);
            transformers.Add(transformer);
            current = transformer.Transform(current);
        }

        Add(ml.Transforms.CustomMapping(new StageKeyWorker().GetMapping(), StageContracts.Key));
        Add(ml.Transforms.Conversion.MapValue(StageColumns.Config, [new KeyValuePair<string, string>(StageColumns.KeyValue, configText)], StageColumns.Key));
        var temporary = new List<string> { StageColumns.Key, StageColumns.Config };
        for (int k = 0; k < inputs.Count; k++)
        {
            string column = k == 0 ? StageColumns.Input0 : StageColumns.Input1;
            Add(inputs[k].Geometry.IsKnown
                ? ml.Transforms.ExtractPixels(column, inputs[k].Column, ImagePixelExtractingEstimator.ColorBits.All, ImagePixelExtractingEstimator.ColorsOrder.ARGB)
                : ml.Transforms.CopyColumns(column, inputs[k].Column));
            temporary.Add(column);
        }

        Add(worker(ml));
        foreach (PortableOutput output in outputs)
        {
            Add(output.Image is { IsKnown: true } size
                ? ml.Transforms.ResizeImages(output.Column, size.Width, size.Height, output.WorkerColumn)
                : ml.Transforms.CopyColumns(output.Column, output.WorkerColumn));
            temporary.Add(output.WorkerColumn);
        }

        Add(ml.Transforms.DropColumns([.. temporary.Where(c => !outputs.Any(o => o.Column == c))]));
        return new TransformerChain<ITransformer>([.. transformers]);
    }

    /// <summary>The worker that downscales input 0.</summary>
    public static Func<MLContext, IEstimator<ITransformer>> DownscaleWorker(ImageGeometry input) => input.IsKnown
        ? ml => ml.Transforms.CustomMapping(new DownscalePixelsWorker().GetMapping(), StageContracts.DownscalePixels)
        : ml => ml.Transforms.CustomMapping(new DownscaleImageWorker().GetMapping(), StageContracts.DownscaleImage);

    /// <summary>The worker that scores input 0 against input 1.</summary>
    public static Func<MLContext, IEstimator<ITransformer>> FidelityWorker(ImageGeometry prediction, ImageGeometry target) =>
        (prediction.IsKnown, target.IsKnown) switch
        {
            (false, false) => ml => ml.Transforms.CustomMapping(new FidelityImageImageWorker().GetMapping(), StageContracts.FidelityImageImage),
            (false, true) => ml => ml.Transforms.CustomMapping(new FidelityImagePixelsWorker().GetMapping(), StageContracts.FidelityImagePixels),
            (true, false) => ml => ml.Transforms.CustomMapping(new FidelityPixelsImageWorker().GetMapping(), StageContracts.FidelityPixelsImage),
            (true, true) => ml => ml.Transforms.CustomMapping(new FidelityPixelsPixelsWorker().GetMapping(), StageContracts.FidelityPixelsPixels),
        };
}
