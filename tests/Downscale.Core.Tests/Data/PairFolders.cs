using Downscale.Core.Imaging;

namespace Downscale.Core.Tests.Data;

/// <summary>Builds tiny paired images on disk for the data-set tests.</summary>
internal static class PairFolders
{
    /// <summary>
    /// Writes an HR image made of s x s blocks of random 8-bit colours (plus <paramref name="extraRows"/> and
    /// <paramref name="extraColumns"/> of noise at the bottom and right) and its LR, one pixel per block, so that
    /// block-mean(HR) == LR exactly. Returns the LR image as written.
    /// </summary>
    public static PlanarImage WritePair(
        string hrPath, string lrPath, int lrHeight, int lrWidth, int scale, int seed, int extraRows = 0, int extraColumns = 0)
    {
        var random = new Random(seed);
        var lr = new PlanarImage(3, lrHeight, lrWidth);
        Span<float> lrData = lr.Data.Span;
        for (int i = 0; i < lrData.Length; i++)
        {
            lrData[i] = random.Next(256) / 255f;
        }

        var hr = new PlanarImage(3, (scale * lrHeight) + extraRows, (scale * lrWidth) + extraColumns);
        for (int c = 0; c < 3; c++)
        {
            for (int y = 0; y < hr.Height; y++)
            {
                Span<float> row = hr.Row(c, y);
                for (int x = 0; x < hr.Width; x++)
                {
                    bool inside = y < scale * lrHeight && x < scale * lrWidth;
                    row[x] = inside ? lr.Row(c, y / scale)[x / scale] : random.Next(256) / 255f;
                }
            }
        }

        Directory.CreateDirectory(Path.GetDirectoryName(hrPath)!);
        Directory.CreateDirectory(Path.GetDirectoryName(lrPath)!);
        ImageFile.WritePng(hrPath, hr);
        ImageFile.WritePng(lrPath, lr);
        return lr;
    }

    /// <summary>Mean over each s x s block (the sensor-integration downscale).</summary>
    public static PlanarImage BlockMean(PlanarImage hr, int scale)
    {
        var lr = new PlanarImage(hr.Channels, hr.Height / scale, hr.Width / scale);
        for (int c = 0; c < hr.Channels; c++)
        {
            for (int y = 0; y < lr.Height; y++)
            {
                for (int x = 0; x < lr.Width; x++)
                {
                    double sum = 0;
                    for (int dy = 0; dy < scale; dy++)
                    {
                        for (int dx = 0; dx < scale; dx++)
                        {
                            sum += hr.Row(c, (y * scale) + dy)[(x * scale) + dx];
                        }
                    }

                    lr.Row(c, y)[x] = (float)(sum / (scale * scale));
                }
            }
        }

        return lr;
    }

    /// <summary>Asserts that two images have the same shape and values within <paramref name="tolerance"/>.</summary>
    public static void AssertSameImage(PlanarImage expected, PlanarImage actual, float tolerance = 1e-6f)
    {
        Assert.True(expected.SameShape(actual), $"Shapes differ: {expected} vs {actual}.");
        ReadOnlySpan<float> e = expected.Data.Span, a = actual.Data.Span;
        for (int i = 0; i < e.Length; i++)
        {
            Assert.True(Math.Abs(e[i] - a[i]) <= tolerance, $"Element {i}: expected {e[i]}, got {a[i]}.");
        }
    }
}
