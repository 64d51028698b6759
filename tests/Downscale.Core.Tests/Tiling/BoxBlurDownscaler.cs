using Downscale.Core.Imaging;
using Downscale.Core.Tiling;

namespace Downscale.Core.Tests.Tiling;

/// <summary>
/// A local operator with a known receptive field: <c>blurs</c> passes of a (2r+1)x(2r+1) box blur with reflection
/// padding (no edge repeat), then the s x s block mean. Its receptive radius is <c>blurs * r</c> HR pixels. It records
/// what the tiler gave it, and what it allocated itself, so the tests can bound the tiler's own memory.
/// </summary>
internal sealed class BoxBlurDownscaler(int scale, int radius, int blurs = 1, int? declaredHalo = null) : ITileDownscaler
{
    private long maxTilePixels;
    private long ownAllocatedBytes;
    private int calls;

    public int Scale => scale;

    public int HaloHr => declaredHalo ?? radius * blurs;

    public long BytesPerHrPixel { get; init; } = 16;

    /// <summary>The largest tile (HR pixels per plane) it was given.</summary>
    public long MaxTilePixels => Interlocked.Read(ref maxTilePixels);

    /// <summary>Bytes it allocated on the calling thread (its outputs and blur buffers).</summary>
    public long OwnAllocatedBytes => Interlocked.Read(ref ownAllocatedBytes);

    public int Calls => calls;

    public PlanarImage Run(PlanarImage hrTile)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        Interlocked.Increment(ref calls);
        long pixels = (long)hrTile.Height * hrTile.Width;
        long seen;
        while (pixels > (seen = Interlocked.Read(ref maxTilePixels)) && Interlocked.CompareExchange(ref maxTilePixels, pixels, seen) != seen)
        {
        }

        PlanarImage image = hrTile;
        for (int i = 0; i < blurs && radius > 0; i++)
        {
            image = Blur(image, radius);
        }

        PlanarImage output = BlockMean(image, scale);
        Interlocked.Add(ref ownAllocatedBytes, GC.GetAllocatedBytesForCurrentThread() - before);
        return output;
    }

    /// <summary>Box blur with reflection padding; repeated reflection keeps any radius defined.</summary>
    public static PlanarImage Blur(PlanarImage image, int radius)
    {
        var result = new PlanarImage(image.Channels, image.Height, image.Width);
        float norm = 1f / ((2 * radius) + 1) / ((2 * radius) + 1);
        for (int c = 0; c < image.Channels; c++)
        {
            for (int y = 0; y < image.Height; y++)
            {
                Span<float> to = result.Row(c, y);
                for (int x = 0; x < image.Width; x++)
                {
                    float sum = 0;
                    for (int dy = -radius; dy <= radius; dy++)
                    {
                        Span<float> row = image.Row(c, Reflect(y + dy, image.Height));
                        for (int dx = -radius; dx <= radius; dx++)
                        {
                            sum += row[Reflect(x + dx, image.Width)];
                        }
                    }

                    to[x] = sum * norm;
                }
            }
        }

        return result;
    }

    public static PlanarImage BlockMean(PlanarImage image, int scale)
    {
        var result = new PlanarImage(image.Channels, image.Height / scale, image.Width / scale);
        for (int c = 0; c < image.Channels; c++)
        {
            for (int y = 0; y < result.Height; y++)
            {
                for (int x = 0; x < result.Width; x++)
                {
                    float sum = 0;
                    for (int dy = 0; dy < scale; dy++)
                    {
                        Span<float> row = image.Row(c, (y * scale) + dy);
                        for (int dx = 0; dx < scale; dx++)
                        {
                            sum += row[(x * scale) + dx];
                        }
                    }

                    result.Row(c, y)[x] = sum / (scale * scale);
                }
            }
        }

        return result;
    }

    private static int Reflect(int i, int n)
    {
        while (i < 0 || i >= n)
        {
            i = i < 0 ? -i : (2 * (n - 1)) - i;
        }

        return i;
    }
}
