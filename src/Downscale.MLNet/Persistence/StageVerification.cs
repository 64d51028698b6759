using Downscale.MLNet.Persistence.Workers;
using Downscale.MLNet.Stages;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace Downscale.MLNet.Persistence;

/// <summary>A stage of ours found in a loaded pipeline.</summary>
/// <param name="Kind">Downscale or fidelity.</param>
/// <param name="Description">What it does (method or model, scale, columns).</param>
public sealed record VerifiedStage(string Kind, string Description);

/// <summary>
/// Finds our stages inside a loaded pipeline and builds each one now (parsing and checking its configuration, loading its
/// learned model), so that a damaged or incompatible stage is refused at load time instead of at the first row.
/// </summary>
/// <remarks>
/// Uses public ML.NET types only: each persisted stage is a nested <see cref="TransformerChain{TLastTransformer}"/>
/// that starts with our key <c>CustomMapping</c> and ML.NET's <c>MapValue</c>; running those two on a one-row view
/// yields the very configuration string the worker will see, so the built stage is the one the worker then uses.
/// </remarks>
internal static class StageVerification
{
    /// <summary>Keeps each stage built here alive as long as the loaded worker that will use it.</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<ITransformer, PersistedStage> BuiltForWorker = new();

    private sealed class OneRow
    {
        public float Unused { get; set; }
    }

    public static IReadOnlyList<VerifiedStage> Verify(MLContext mlContext, ITransformer model)
    {
        var stages = new List<VerifiedStage>();
        Visit(mlContext, model, stages);
        return stages;
    }

    private static void Visit(MLContext mlContext, ITransformer transformer, List<VerifiedStage> stages)
    {
        if (transformer is not IEnumerable<ITransformer> chain)
        {
            return;
        }

        ITransformer[] parts = [.. chain];
        if (parts is [CustomMappingTransformer<StageKeyInput, StageKeyOutput> key, ValueMappingTransformer map, ..])
        {
            IDataView one = mlContext.Data.LoadFromEnumerable([new OneRow()]);
            IDataView configured = map.Transform(key.Transform(one));
            ReadOnlyMemory<char> config = configured.GetColumn<ReadOnlyMemory<char>>(StageColumns.Config).Single();
            PersistedStage stage = StageRuntimeCache.Get(config);
            foreach (ITransformer worker in parts.Where(IsWorker))
            {
                BuiltForWorker.AddOrUpdate(worker, stage);
            }

            stages.Add(Describe(stage));
            return;
        }

        foreach (ITransformer part in parts)
        {
            Visit(mlContext, part, stages);
        }
    }

    private static bool IsWorker(ITransformer part) =>
        part.GetType() is { IsGenericType: true } type && type.GetGenericTypeDefinition() == typeof(CustomMappingTransformer<,>)
        && type.GetGenericArguments()[0] != typeof(StageKeyInput);

    private static VerifiedStage Describe(PersistedStage stage) => stage.Config switch
    {
        DownscaleStageConfig d => new VerifiedStage(
            "DownscaleImages",
            d.Model is { } m ? $"{m.Name} (learned, x{m.Scale}) on '{d.InputColumn}'"
            : d.Width is int w ? $"{d.Method} to {w}x{d.Height} on '{d.InputColumn}'"
            : $"{d.Method} x{d.Scale} on '{d.InputColumn}'"),
        FidelityStageConfig f => new VerifiedStage("ComputeFidelity", $"'{f.PredictionColumn}' against '{f.TargetColumn}', crop {f.CropBorder}"),
        Raw.RawLoadStageConfig l => new VerifiedStage("LoadRawFrames", $"from the paths in '{l.InputColumn}'"),
        Raw.RawDownscaleStageConfig r => new VerifiedStage(
            "DownscaleRaw", r.Model is { } m ? $"{m.Name} (learned RAW, x{r.Scale}) on '{r.InputColumn}'" : $"{r.Method} ({r.Domain}) x{r.Scale} on '{r.InputColumn}'"),
        Raw.RawPreviewStageConfig p => new VerifiedStage("RenderRawPreview", $"fixed ISP of '{p.InputColumn}'"),
        Raw.RawFidelityStageConfig f => new VerifiedStage("ComputeRawFidelity", $"'{f.PredictionColumn}' against '{f.TargetColumn}', crop {f.CropBorder}"),
        _ => new VerifiedStage(stage.Config.GetType().Name, string.Empty),
    };
}
