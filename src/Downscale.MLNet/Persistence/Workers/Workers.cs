using System.ComponentModel;
using Downscale.MLNet.Imaging;
using Downscale.MLNet.Stages;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace Downscale.MLNet.Persistence.Workers;

// The CustomMapping workers of persisted stages. ML.NET finds them by contract name when it loads a model, after
// `mlContext.ComponentCatalog.RegisterAssembly(typeof(DownscalingCatalog).Assembly)`; each registers the MLImage column
// type in its static constructor, which runs before ML.NET binds the worker's columns, so that call is the only one.
// ML.NET calls GetMapping once per worker it builds and keeps the delegate: the StageHolder inside it ties the stage
// (and its model) to that worker's lifetime.

/// <summary>Emits the constant key from which the stage's <c>MapValue</c> yields its configuration.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[CustomMappingFactoryAttribute(StageContracts.Key)]
public sealed class StageKeyWorker : CustomMappingFactory<StageKeyInput, StageKeyOutput>
{
    /// <inheritdoc />
    public override Action<StageKeyInput, StageKeyOutput> GetMapping() => static (_, output) => output.Key = StageColumns.KeyValue;
}

/// <summary>Downscales an image column of unknown size.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[CustomMappingFactoryAttribute(StageContracts.DownscaleImage)]
public sealed class DownscaleImageWorker : CustomMappingFactory<ImageInputRow, ImageOutputRow>
{
    static DownscaleImageWorker() => ImageTypeRegistration.EnsureRegistered();

    /// <inheritdoc />
    public override Action<ImageInputRow, ImageOutputRow> GetMapping()
    {
        var holder = new StageHolder();
        return (input, output) =>
        {
            ImageStage stage = holder.Get<ImageStage>(input.Config);
            output.Output = (MLImage)stage.Compute([StageWorker.Input(stage, 0, input.Input0)]);
        };
    }
}

/// <summary>Downscales a fixed-size image column.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[CustomMappingFactoryAttribute(StageContracts.DownscalePixels)]
public sealed class DownscalePixelsWorker : CustomMappingFactory<PixelsInputRow, ImageOutputRow>
{
    static DownscalePixelsWorker() => ImageTypeRegistration.EnsureRegistered();

    /// <inheritdoc />
    public override Action<PixelsInputRow, ImageOutputRow> GetMapping()
    {
        var holder = new StageHolder();
        return (input, output) =>
        {
            ImageStage stage = holder.Get<ImageStage>(input.Config);
            output.Output = (MLImage)stage.Compute([StageWorker.Input(stage, 0, input.Input0)]);
        };
    }
}

/// <summary>Fidelity of two image columns of unknown size.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[CustomMappingFactoryAttribute(StageContracts.FidelityImageImage)]
public sealed class FidelityImageImageWorker : CustomMappingFactory<ImageImageInputRow, FidelityOutputRow>
{
    static FidelityImageImageWorker() => ImageTypeRegistration.EnsureRegistered();

    /// <inheritdoc />
    public override Action<ImageImageInputRow, FidelityOutputRow> GetMapping()
    {
        var holder = new StageHolder();
        return (input, output) =>
        {
            ImageStage stage = holder.Get<ImageStage>(input.Config);
            FidelityWorker.Write(stage.Compute([StageWorker.Input(stage, 0, input.Input0), StageWorker.Input(stage, 1, input.Input1)]), output);
        };
    }
}

/// <summary>Fidelity: prediction of unknown size, target of fixed size.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[CustomMappingFactoryAttribute(StageContracts.FidelityImagePixels)]
public sealed class FidelityImagePixelsWorker : CustomMappingFactory<ImagePixelsInputRow, FidelityOutputRow>
{
    static FidelityImagePixelsWorker() => ImageTypeRegistration.EnsureRegistered();

    /// <inheritdoc />
    public override Action<ImagePixelsInputRow, FidelityOutputRow> GetMapping()
    {
        var holder = new StageHolder();
        return (input, output) =>
        {
            ImageStage stage = holder.Get<ImageStage>(input.Config);
            FidelityWorker.Write(stage.Compute([StageWorker.Input(stage, 0, input.Input0), StageWorker.Input(stage, 1, input.Input1)]), output);
        };
    }
}

/// <summary>Fidelity: prediction of fixed size, target of unknown size.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[CustomMappingFactoryAttribute(StageContracts.FidelityPixelsImage)]
public sealed class FidelityPixelsImageWorker : CustomMappingFactory<PixelsImageInputRow, FidelityOutputRow>
{
    static FidelityPixelsImageWorker() => ImageTypeRegistration.EnsureRegistered();

    /// <inheritdoc />
    public override Action<PixelsImageInputRow, FidelityOutputRow> GetMapping()
    {
        var holder = new StageHolder();
        return (input, output) =>
        {
            ImageStage stage = holder.Get<ImageStage>(input.Config);
            FidelityWorker.Write(stage.Compute([StageWorker.Input(stage, 0, input.Input0), StageWorker.Input(stage, 1, input.Input1)]), output);
        };
    }
}

/// <summary>Fidelity of two fixed-size image columns.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[CustomMappingFactoryAttribute(StageContracts.FidelityPixelsPixels)]
public sealed class FidelityPixelsPixelsWorker : CustomMappingFactory<PixelsPixelsInputRow, FidelityOutputRow>
{
    static FidelityPixelsPixelsWorker() => ImageTypeRegistration.EnsureRegistered();

    /// <inheritdoc />
    public override Action<PixelsPixelsInputRow, FidelityOutputRow> GetMapping()
    {
        var holder = new StageHolder();
        return (input, output) =>
        {
            ImageStage stage = holder.Get<ImageStage>(input.Config);
            FidelityWorker.Write(stage.Compute([StageWorker.Input(stage, 0, input.Input0), StageWorker.Input(stage, 1, input.Input1)]), output);
        };
    }
}

/// <summary>Copies fidelity scores into the worker's output row.</summary>
internal static class FidelityWorker
{
    public static void Write(object result, FidelityOutputRow output)
    {
        var scores = (Downscale.Core.Metrics.FidelityScores)result;
        output.PsnrRgb = scores.PsnrRgb;
        output.PsnrY = scores.PsnrY;
        output.SsimRgb = scores.SsimRgb;
        output.SsimY = scores.SsimY;
    }
}
