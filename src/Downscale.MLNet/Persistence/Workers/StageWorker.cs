using Downscale.Core.Imaging;
using Downscale.MLNet.Imaging;
using Downscale.MLNet.Stages;
using Microsoft.ML.Data;

namespace Downscale.MLNet.Persistence.Workers;

/// <summary>What every persisted worker does with a row: find its stage, decode its inputs, compute.</summary>
internal static class StageWorker
{

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
}
