using System.ComponentModel;
using Downscale.Core.Raw;
using Downscale.MLNet.Imaging;
using Downscale.MLNet.Persistence;
using Downscale.MLNet.Persistence.Workers;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace Downscale.MLNet.Raw;

// The CustomMapping workers of the RAW stages: found by contract name after RegisterAssembly, like the image workers
// (Persistence/Workers/Workers.cs). Each registers the RawFrame (and MLImage) column types in its static constructor.

/// <summary>A worker computing one RAW stage's value from one input column.</summary>
/// <typeparam name="T0">The input column's value type (a path or a <see cref="RawFrame"/>).</typeparam>
/// <typeparam name="TValue">The computed value's type.</typeparam>
/// <typeparam name="TOutput">The output row.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class RawWorker<T0, TValue, TOutput> : StageRowWorker<StageInputRow<T0>, TOutput>
    where T0 : class
    where TOutput : class, new()
{
    private protected override void Map(StageHolder stages, StageInputRow<T0> input, TOutput output) =>
        Write((TValue)stages.Get<RawStage>(input.Config).Compute([input.Input0]), output);

    /// <summary>Stores the computed value in the output row.</summary>
    private protected abstract void Write(TValue value, TOutput output);
}

/// <summary>Loads a RAW frame from a path column.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[CustomMappingFactoryAttribute(StageContracts.RawLoad)]
public sealed class RawLoadWorker : RawWorker<string, RawFrame, RawOutputRow>
{
    static RawLoadWorker() => RawFrameDataViewType.EnsureRegistered();

    private protected override void Write(RawFrame value, RawOutputRow output) => output.Output = value;
}

/// <summary>Downscales a RAW column.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[CustomMappingFactoryAttribute(StageContracts.RawDownscale)]
public sealed class RawDownscaleWorker : RawWorker<RawFrame, RawFrame, RawOutputRow>
{
    static RawDownscaleWorker() => RawFrameDataViewType.EnsureRegistered();

    private protected override void Write(RawFrame value, RawOutputRow output) => output.Output = value;
}

/// <summary>Develops a RAW column into an sRGB image column.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[CustomMappingFactoryAttribute(StageContracts.RawPreview)]
public sealed class RawPreviewWorker : RawWorker<RawFrame, MLImage, ImageOutputRow>
{
    static RawPreviewWorker()
    {
        RawFrameDataViewType.EnsureRegistered();
        ImageTypeRegistration.EnsureRegistered();
    }

    private protected override void Write(MLImage value, ImageOutputRow output) => output.Output = value;
}

/// <summary>Scores a predicted RAW column against a ground-truth RAW column.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[CustomMappingFactoryAttribute(StageContracts.RawFidelity)]
public sealed class RawFidelityWorker : StageRowWorker<StageInputRow<RawFrame, RawFrame>, RawFidelityOutputRow>
{
    static RawFidelityWorker() => RawFrameDataViewType.EnsureRegistered();

    private protected override void Map(StageHolder stages, StageInputRow<RawFrame, RawFrame> input, RawFidelityOutputRow output)
    {
        var scores = (RawScores)stages.Get<RawStage>(input.Config).Compute([input.Input0, input.Input1]);
        output.RawPsnr = scores.RawPsnr;
        output.RawSsim = scores.RawSsim;
        StageWorker.Write(scores.Srgb, output);
    }
}
