using Downscale.MLNet.Persistence;
using Downscale.MLNet.Transforms;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Downscale.MLNet.Raw;

/// <summary>
/// A fitted RAW stage (<c>LoadRawFrames</c>, <c>DownscaleRaw</c>, <c>RenderRawPreview</c>, <c>ComputeRawFidelity</c>, or
/// the RAW wavelet trainer's output). Lazy: a row is computed when a cursor reads one of the stage's columns. Saves with
/// <c>mlContext.Model.Save</c> (learned weights included) and works in <c>PredictionEngine</c>.
/// </summary>
public sealed class RawTransformer : StageTransformer
{
    private readonly RawStageBinding binding;

    internal RawTransformer(RawStageBinding binding, IReadOnlyList<string> outputColumnNames, RawDownscaler? model = null)
    {
        this.binding = binding;
        OutputColumnNames = outputColumnNames;
        Model = model;
    }

    /// <summary>The stage (<c>LoadRawFrames</c>, <c>DownscaleRaw</c>, <c>RenderRawPreview</c> or <c>ComputeRawFidelity</c>).</summary>
    public string StageName => binding.StageName;

    /// <summary>The columns this stage writes.</summary>
    public IReadOnlyList<string> OutputColumnNames { get; }

    /// <summary>The learned RAW model of a <c>DownscaleRaw</c> stage, or null.</summary>
    public RawDownscaler? Model { get; }

    /// <inheritdoc />
    private protected override IStageBinding Binding => binding;
}
