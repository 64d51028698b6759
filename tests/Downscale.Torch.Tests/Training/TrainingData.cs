using Downscale.Core.Data;
using Downscale.Core.Imaging;
using Downscale.Core.Resampling;
using Downscale.Tests;

namespace Downscale.Torch.Tests.Training;

/// <summary>Tiny synthetic pair sets for the trainer tests: smooth random HR images and their box-downscaled LR.</summary>
internal static class TrainingData
{
    /// <summary>A smooth RGB image (random values, box-blurred so a tiny model has something learnable).</summary>
    public static PlanarImage Hr(int height, int width, int seed)
    {
        PlanarImage noise = TestImages.Random(3, height / 4, width / 4, seed);
        return Resampler.Resize(noise, width, height, ResampleMethod.Bilinear);
    }

    /// <summary>An in-memory pair whose LR is the bicubic (MATLAB) downscale of the HR.</summary>
    public static LoadedPair Pair(string name, int height, int width, int scale, int seed)
    {
        PlanarImage hr = Hr(height, width, seed);
        PlanarImage lr = Resampler.Resize(hr, width / scale, height / scale, ResampleMethod.Bicubic, new ResampleOptions { Convention = ResampleConvention.Matlab });
        return new LoadedPair(name, hr, lr, scale);
    }

    /// <summary>Writes <paramref name="count"/> pairs as PNGs in the pairs-v1 layout (<c>HR/</c>, <c>LR_bicubic_x{scale}/</c>) and enumerates them.</summary>
    public static IReadOnlyList<ImagePair> WritePairsV1(string setFolder, int count, int height, int width, int scale, int seed)
    {
        for (int i = 0; i < count; i++)
        {
            LoadedPair pair = Pair($"img{i:D2}", height, width, scale, seed + i);
            ImageFile.WritePng(Path.Combine(setFolder, "HR", pair.Name + ".png"), pair.Hr);
            ImageFile.WritePng(Path.Combine(setFolder, $"LR_bicubic_x{scale}", pair.Name + ".png"), pair.Lr);
        }

        return [.. PairsV1DataSet.Enumerate(setFolder, "bicubic", scale)];
    }
}
