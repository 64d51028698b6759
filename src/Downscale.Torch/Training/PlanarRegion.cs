using Downscale.Core.Imaging;

namespace Downscale.Torch.Training;

/// <summary>Copies a rectangle of every plane of an image (for HR-only sets, which have no LR for <see cref="Core.Data.AlignedCrop"/>).</summary>
internal static class PlanarRegion
{
    /// <summary>The <paramref name="height"/> x <paramref name="width"/> region at (<paramref name="top"/>, <paramref name="left"/>), in new storage.</summary>
    public static PlanarImage Copy(PlanarImage image, int top, int left, int height, int width)
    {
        var result = new PlanarImage(image.Channels, height, width);
        for (int c = 0; c < image.Channels; c++)
        {
            for (int y = 0; y < height; y++)
            {
                image.Row(c, top + y).Slice(left, width).CopyTo(result.Row(c, y));
            }
        }

        return result;
    }
}
