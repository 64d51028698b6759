using System.Numerics.Tensors;
using Downscale.Core.Imaging;

namespace Downscale.Core.Raw;

/// <summary>
/// The bilinear demosaic of the raw protocol's ISP: each colour's samples (other colours zeroed) are convolved with
/// <c>[[1,2,1],[2,4,2],[1,2,1]]/4</c> for red and blue and <c>[[0,1,0],[1,4,1],[0,1,0]]/4</c> for green, with
/// reflect-101 borders (mirror without repeating the edge pixel, which keeps the CFA phase).
/// </summary>
public static class BilinearDemosaic
{
    /// <summary>Demosaics a 1 x H x W mosaic to 3 x H x W camera RGB.</summary>
    /// <exception cref="ArgumentException">Not 1 channel, an odd size, or smaller than 2x2.</exception>
    public static PlanarImage Demosaic(PlanarImage mosaic, CfaPattern pattern)
    {
        ArgumentNullException.ThrowIfNull(mosaic);
        if (mosaic.Channels != 1)
        {
            throw new ArgumentException($"Demosaicking needs a 1-channel mosaic, got {mosaic.Channels} channels.", nameof(mosaic));
        }

        BayerPacking.RequireEvenSize(mosaic.Height, mosaic.Width, nameof(mosaic));
        PlanarImage masked = SplitColors(mosaic, pattern);
        var rgb = new PlanarImage(3, mosaic.Height, mosaic.Width);
        int height = mosaic.Height;
        int width = mosaic.Width;
        Parallel.For(
            0,
            height,
            () => new float[width],
            (y, _, scratch) =>
            {
                int up = y == 0 ? 1 : y - 1;
                int down = y == height - 1 ? height - 2 : y + 1;
                for (int c = 0; c < 3; c++)
                {
                    Span<float> target = rgb.Row(c, y);
                    ReadOnlySpan<float> above = masked.Row(c, up);
                    ReadOnlySpan<float> middle = masked.Row(c, y);
                    ReadOnlySpan<float> below = masked.Row(c, down);
                    if (c == (int)CfaColor.Green)
                    {
                        CrossRow(above, middle, below, target, scratch);
                    }
                    else
                    {
                        BoxRow(above, middle, below, target, scratch);
                    }
                }

                return scratch;
            },
            _ => { });
        return rgb;
    }

    /// <summary>Three planes, each holding one colour's samples and zeros elsewhere.</summary>
    private static PlanarImage SplitColors(PlanarImage mosaic, CfaPattern pattern)
    {
        var masked = new PlanarImage(3, mosaic.Height, mosaic.Width);
        for (int y = 0; y < mosaic.Height; y++)
        {
            ReadOnlySpan<float> source = mosaic.Row(0, y);
            for (int phase = 0; phase < 2; phase++)
            {
                Span<float> target = masked.Row((int)pattern.ColorAt(y, phase), y);
                for (int x = phase; x < source.Length; x += 2)
                {
                    target[x] = source[x];
                }
            }
        }

        return masked;
    }

    /// <summary><c>[[1,2,1],[2,4,2],[1,2,1]]/4</c> as a vertical then a horizontal [1,2,1] pass.</summary>
    private static void BoxRow(ReadOnlySpan<float> above, ReadOnlySpan<float> middle, ReadOnlySpan<float> below, Span<float> target, Span<float> column)
    {
        int w = target.Length;
        TensorPrimitives.Add(above, below, column);
        TensorPrimitives.MultiplyAdd(middle, 2f, column, column);
        TensorPrimitives.Add(column[..(w - 2)], column[2..], target[1..(w - 1)]);
        TensorPrimitives.MultiplyAdd(column[1..(w - 1)], 2f, target[1..(w - 1)], target[1..(w - 1)]);
        target[0] = 2 * (column[0] + column[1]);
        target[w - 1] = 2 * (column[w - 1] + column[w - 2]);
        TensorPrimitives.Multiply(target, 0.25f, target);
    }

    /// <summary><c>[[0,1,0],[1,4,1],[0,1,0]]/4</c>.</summary>
    private static void CrossRow(ReadOnlySpan<float> above, ReadOnlySpan<float> middle, ReadOnlySpan<float> below, Span<float> target, Span<float> vertical)
    {
        int w = target.Length;
        TensorPrimitives.Add(above, below, vertical);
        TensorPrimitives.Add(middle[..(w - 2)], middle[2..], target[1..(w - 1)]);
        target[0] = 2 * middle[1];
        target[w - 1] = 2 * middle[w - 2];
        TensorPrimitives.Add(target, vertical, target);
        TensorPrimitives.MultiplyAdd(middle, 4f, target, target);
        TensorPrimitives.Multiply(target, 0.25f, target);
    }
}
