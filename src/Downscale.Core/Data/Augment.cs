using Downscale.Core.Imaging;

namespace Downscale.Core.Data;

/// <summary>
/// Flips and transposes of <see cref="PlanarImage"/>s for training augmentation. Applying the same
/// <see cref="AugmentKind"/> to an HR image and its LR image keeps them aligned, since each symmetry maps the s x s
/// blocks of an HR whose sides are multiples of s onto blocks.
/// </summary>
public static class Augment
{
    /// <summary>A uniformly random kind among the 8 combinations.</summary>
    public static AugmentKind Draw(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return (AugmentKind)random.Next(8);
    }

    /// <summary>A new image: <paramref name="image"/> flipped horizontally, then vertically, then transposed, as <paramref name="kind"/> says.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> has bits outside <see cref="AugmentKind.All"/>.</exception>
    public static PlanarImage Apply(PlanarImage image, AugmentKind kind)
    {
        ArgumentNullException.ThrowIfNull(image);
        if ((kind & ~AugmentKind.All) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Only FlipHorizontal, FlipVertical and Transpose can be combined.");
        }

        bool flipH = kind.HasFlag(AugmentKind.FlipHorizontal), flipV = kind.HasFlag(AugmentKind.FlipVertical);
        int h = image.Height, w = image.Width;
        if (!kind.HasFlag(AugmentKind.Transpose))
        {
            var result = new PlanarImage(image.Channels, h, w);
            for (int c = 0; c < image.Channels; c++)
            {
                for (int y = 0; y < h; y++)
                {
                    Span<float> target = result.Row(c, y);
                    image.Row(c, flipV ? h - 1 - y : y).CopyTo(target);
                    if (flipH)
                    {
                        target.Reverse();
                    }
                }
            }

            return result;
        }

        // Transposed output (w x h): out(y, x) = flipped(x, y).
        var transposed = new PlanarImage(image.Channels, w, h);
        for (int c = 0; c < image.Channels; c++)
        {
            ReadOnlySpan<float> source = image.Plane(c);
            Span<float> target = transposed.Plane(c);
            for (int x = 0; x < h; x++)
            {
                int sourceRow = (flipV ? h - 1 - x : x) * w;
                for (int y = 0; y < w; y++)
                {
                    target[(y * h) + x] = source[sourceRow + (flipH ? w - 1 - y : y)];
                }
            }
        }

        return transposed;
    }
}
