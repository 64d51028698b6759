using System.ComponentModel;
using Downscale.Core.Metrics;
using Downscale.MLNet.Imaging;
using Downscale.MLNet.Stages;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace Downscale.MLNet.Persistence.Workers;

// The CustomMapping workers of persisted stages. ML.NET finds them by contract name when it loads a model, after
// `mlContext.ComponentCatalog.RegisterAssembly(typeof(DownscalingCatalog).Assembly)`; each registers the MLImage column
// type in its static constructor, which runs before ML.NET binds the worker's columns, so that call is the only one.
// ML.NET calls GetMapping once per worker it builds and keeps the delegate: the StageHolder inside it ties the stage
// (and its model) to that worker's lifetime (StageRowWorker).

/// <summary>Emits the constant key from which the stage's <c>MapValue</c> yields its configuration.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[CustomMappingFactoryAttribute(StageContracts.Key)]
public sealed class StageKeyWorker : CustomMappingFactory<StageKeyInput, StageKeyOutput>
{
    /// <inheritdoc />
    public override Action<StageKeyInput, StageKeyOutput> GetMapping() => static (_, output) => output.Key = StageColumns.KeyValue;
}

/// <summary>Downscales an image column: <c>MLImage</c> (unknown size) or <c>float[]</c> (fixed size, ARGB planes).</summary>
/// <typeparam name="T0">The input column's value type.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class DownscaleWorker<T0> : StageRowWorker<StageInputRow<T0>, ImageOutputRow>
    where T0 : class
{
    private protected override void Map(StageHolder stages, StageInputRow<T0> input, ImageOutputRow output)
    {
        ImageStage stage = stages.Get<ImageStage>(input.Config);
        output.Output = (MLImage)stage.Compute([StageWorker.Input(stage, 0, input.Input0)]);
    }
}

/// <summary>Fidelity of two image columns, each <c>MLImage</c> (unknown size) or <c>float[]</c> (fixed size, ARGB planes).</summary>
/// <typeparam name="T0">The prediction column's value type.</typeparam>
/// <typeparam name="T1">The target column's value type.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class FidelityWorker<T0, T1> : StageRowWorker<StageInputRow<T0, T1>, FidelityOutputRow>
    where T0 : class
    where T1 : class
{
    private protected override void Map(StageHolder stages, StageInputRow<T0, T1> input, FidelityOutputRow output)
    {
        ImageStage stage = stages.Get<ImageStage>(input.Config);
        StageWorker.Write((FidelityScores)stage.Compute([StageWorker.Input(stage, 0, input.Input0), StageWorker.Input(stage, 1, input.Input1)]), output);
    }
}

/// <summary>Downscales an image column of unknown size.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[CustomMappingFactoryAttribute(StageContracts.DownscaleImage)]
public sealed class DownscaleImageWorker : DownscaleWorker<MLImage>
{
    static DownscaleImageWorker() => ImageTypeRegistration.EnsureRegistered();
}

/// <summary>Downscales a fixed-size image column.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[CustomMappingFactoryAttribute(StageContracts.DownscalePixels)]
public sealed class DownscalePixelsWorker : DownscaleWorker<float[]>
{
    static DownscalePixelsWorker() => ImageTypeRegistration.EnsureRegistered();
}

/// <summary>Fidelity of two image columns of unknown size.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[CustomMappingFactoryAttribute(StageContracts.FidelityImageImage)]
public sealed class FidelityImageImageWorker : FidelityWorker<MLImage, MLImage>
{
    static FidelityImageImageWorker() => ImageTypeRegistration.EnsureRegistered();
}

/// <summary>Fidelity: prediction of unknown size, target of fixed size.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[CustomMappingFactoryAttribute(StageContracts.FidelityImagePixels)]
public sealed class FidelityImagePixelsWorker : FidelityWorker<MLImage, float[]>
{
    static FidelityImagePixelsWorker() => ImageTypeRegistration.EnsureRegistered();
}

/// <summary>Fidelity: prediction of fixed size, target of unknown size.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[CustomMappingFactoryAttribute(StageContracts.FidelityPixelsImage)]
public sealed class FidelityPixelsImageWorker : FidelityWorker<float[], MLImage>
{
    static FidelityPixelsImageWorker() => ImageTypeRegistration.EnsureRegistered();
}

/// <summary>Fidelity of two fixed-size image columns.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[CustomMappingFactoryAttribute(StageContracts.FidelityPixelsPixels)]
public sealed class FidelityPixelsPixelsWorker : FidelityWorker<float[], float[]>
{
    static FidelityPixelsPixelsWorker() => ImageTypeRegistration.EnsureRegistered();
}
