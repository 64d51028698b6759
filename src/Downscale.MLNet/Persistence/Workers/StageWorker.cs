using Downscale.Core.Imaging;
using Downscale.Core.Metrics;
using Downscale.MLNet.Imaging;
using Downscale.MLNet.Stages;
using Microsoft.ML.Data;

namespace Downscale.MLNet.Persistence.Workers;

/// <summary>What the persisted workers do with a row's values: decode image inputs, copy scores out.</summary>
internal static class StageWorker
{
    /// <summary>
    /// Input <paramref name="index"/> from an image column: an <see cref="MLImage"/> (unknown size) or, when
    /// <typeparamref name="T"/> is <c>float[]</c>, a fixed-size image read as ARGB planes.
    /// </summary>
    public static PlanarImage Input<T>(ImageStage stage, int index, T? value)
        where T : class => typeof(T) == typeof(float[]) ? Input(stage, index, value as float[]) : Input(stage, index, value as MLImage);

    /// <summary>Input <paramref name="index"/> from an image column of unknown size.</summary>
    public static PlanarImage Input(ImageStage stage, int index, MLImage? image) =>
        image?.ToPlanarImage() ?? throw new InvalidOperationException($"Column '{stage.InputColumns[index]}' holds no image in this row.");

    /// <summary>Input <paramref name="index"/> from a fixed-size image column, read as ARGB planes.</summary>
    public static PlanarImage Input(ImageStage stage, int index, float[]? pixels)
    {
        ImageGeometry geometry = stage.Config.Inputs[index];
        using MLImage image = ArgbPlanes.ToMLImage(pixels ?? [], geometry.Height, geometry.Width, stage.InputColumns[index]);
        return image.ToPlanarImage();
    }

    /// <summary>Copies the four fidelity scores into a worker's output row.</summary>
    public static void Write(FidelityScores scores, FidelityOutputRow output)
    {
        output.PsnrRgb = scores.PsnrRgb;
        output.PsnrY = scores.PsnrY;
        output.SsimRgb = scores.SsimRgb;
        output.SsimY = scores.SsimY;
    }
}
