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

/// <summary>Loads a RAW frame from a path column.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[CustomMappingFactoryAttribute(StageContracts.RawLoad)]
public sealed class RawLoadWorker : CustomMappingFactory<RawPathInputRow, RawOutputRow>
{
    static RawLoadWorker() => RawFrameDataViewType.EnsureRegistered();

    /// <inheritdoc />
    public override Action<RawPathInputRow, RawOutputRow> GetMapping()
    {
        var holder = new StageHolder();
        return (input, output) => output.Output = (RawFrame)holder.Get<RawStage>(input.Config).Compute([input.Input0]);
    }
}

/// <summary>Downscales a RAW column.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[CustomMappingFactoryAttribute(StageContracts.RawDownscale)]
public sealed class RawDownscaleWorker : CustomMappingFactory<RawInputRow, RawOutputRow>
{
    static RawDownscaleWorker() => RawFrameDataViewType.EnsureRegistered();

    /// <inheritdoc />
    public override Action<RawInputRow, RawOutputRow> GetMapping()
    {
        var holder = new StageHolder();
        return (input, output) => output.Output = (RawFrame)holder.Get<RawStage>(input.Config).Compute([input.Input0]);
    }
}

/// <summary>Develops a RAW column into an sRGB image column.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[CustomMappingFactoryAttribute(StageContracts.RawPreview)]
public sealed class RawPreviewWorker : CustomMappingFactory<RawInputRow, ImageOutputRow>
{
    static RawPreviewWorker()
    {
        RawFrameDataViewType.EnsureRegistered();
        ImageTypeRegistration.EnsureRegistered();
    }

    /// <inheritdoc />
    public override Action<RawInputRow, ImageOutputRow> GetMapping()
    {
        var holder = new StageHolder();
        return (input, output) => output.Output = (MLImage)holder.Get<RawStage>(input.Config).Compute([input.Input0]);
    }
}

/// <summary>Scores a predicted RAW column against a ground-truth RAW column.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[CustomMappingFactoryAttribute(StageContracts.RawFidelity)]
public sealed class RawFidelityWorker : CustomMappingFactory<RawRawInputRow, RawFidelityOutputRow>
{
    static RawFidelityWorker() => RawFrameDataViewType.EnsureRegistered();

    /// <inheritdoc />
    public override Action<RawRawInputRow, RawFidelityOutputRow> GetMapping()
    {
        var holder = new StageHolder();
        return (input, output) =>
        {
            var scores = (RawScores)holder.Get<RawStage>(input.Config).Compute([input.Input0, input.Input1]);
            output.RawPsnr = scores.RawPsnr;
            output.RawSsim = scores.RawSsim;
            output.PsnrRgb = scores.Srgb.PsnrRgb;
            output.PsnrY = scores.Srgb.PsnrY;
            output.SsimRgb = scores.Srgb.SsimRgb;
            output.SsimY = scores.Srgb.SsimY;
        };
    }
}
