using Downscale.Core.Imaging;
using Downscale.Core.Tiling;
using Downscale.MLNet.Tests.Hosting;
using Downscale.Tests;
using Microsoft.ML;

namespace Downscale.MLNet.Tests;

/// <summary>Inputs shared by the pipeline tests: the Set5 images of the shared data, as path rows and loaded images.</summary>
internal static class TestData
{
    /// <summary>Set5 HR image paths (5 images, 228 to 512 pixels a side).</summary>
    public static string[] Set5Hr { get; } = [.. new[] { "baby", "bird", "butterfly", "head", "woman" }.Select(Set5)];

    /// <summary>A Set5 HR image path.</summary>
    public static string Set5(string name) => Path.Combine(TestPaths.SharedData, "Set5", "HR", name + ".png");

    /// <summary>A Set5 camsim LR path at scale <paramref name="scale"/>.</summary>
    public static string Set5Lr(string name, int scale) => Path.Combine(TestPaths.SharedData, "Set5", $"LR_camsim_x{scale}", name + ".png");

    /// <summary>Rows with <c>Path</c> (and <c>LrPath</c>) columns.</summary>
    public static IDataView Paths(MLContext mlContext, IEnumerable<string> hr, IEnumerable<string>? lr = null) =>
        mlContext.Data.LoadFromEnumerable(hr.Zip(lr ?? hr.Select(_ => string.Empty), (h, l) => new PathPair { Path = h, LrPath = l }).ToList());

    /// <summary>The rows with an <c>Image</c> column decoded lazily by LoadImages.</summary>
    public static IDataView Images(MLContext mlContext, IEnumerable<string> paths)
    {
        IDataView rows = Paths(mlContext, paths);
        return mlContext.Transforms.LoadImages("Image", null, "Path").Fit(rows).Transform(rows);
    }
}

/// <summary>
/// A tile engine for tests: the block mean at scale s (halo 0), which tiles exactly; it counts its calls and the most
/// tiles it ran at once, and can be slowed down to make concurrency observable.
/// </summary>
/// <remarks>
/// With a delay, the first call also waits (up to 10 s) for a second one to start, so a busy test machine that starts
/// the second row late cannot pass a parallel cursor off as sequential; a sequential one still shows 1.
/// </remarks>
internal sealed class BlockMeanEngine(int scale, int delayMilliseconds = 0) : ITileDownscaler
{
    private int running;
    private int maxRunning;
    private int calls;

    public int Scale => scale;

    public int HaloHr => 0;

    public long BytesPerHrPixel => 16;

    public int Calls => Volatile.Read(ref calls);

    public int MaxConcurrency => Volatile.Read(ref maxRunning);

    public PlanarImage Run(PlanarImage hrTile)
    {
        bool first = Interlocked.Increment(ref calls) == 1;
        int now = Interlocked.Increment(ref running);
        int seen;
        while (now > (seen = Volatile.Read(ref maxRunning)) && Interlocked.CompareExchange(ref maxRunning, now, seen) != seen)
        {
        }

        try
        {
            if (delayMilliseconds > 0)
            {
                if (first)
                {
                    SpinWait.SpinUntil(() => Volatile.Read(ref maxRunning) >= 2, TimeSpan.FromSeconds(10));
                }

                Thread.Sleep(delayMilliseconds);
            }

            var output = new PlanarImage(hrTile.Channels, hrTile.Height / scale, hrTile.Width / scale);
            for (int c = 0; c < output.Channels; c++)
            {
                for (int y = 0; y < output.Height; y++)
                {
                    for (int x = 0; x < output.Width; x++)
                    {
                        float sum = 0;
                        for (int dy = 0; dy < scale; dy++)
                        {
                            for (int dx = 0; dx < scale; dx++)
                            {
                                sum += hrTile.Row(c, (y * scale) + dy)[(x * scale) + dx];
                            }
                        }

                        output.Row(c, y)[x] = sum / (scale * scale);
                    }
                }
            }

            return output;
        }
        finally
        {
            Interlocked.Decrement(ref running);
        }
    }
}
