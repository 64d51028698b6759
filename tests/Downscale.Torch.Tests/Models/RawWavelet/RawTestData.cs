using Downscale.Core.Imaging;
using Downscale.Core.Raw;
using Downscale.Core.Resampling;
using Downscale.Tests;
using Downscale.Torch.Models.RawWavelet;
using static TorchSharp.torch;

namespace Downscale.Torch.Tests.Models.RawWavelet;

/// <summary>Small RAW frames, pairs and models for the RAW wavelet tests.</summary>
internal static class RawTestData
{
    /// <summary>A smooth random RGGB mosaic (values in [0, 1]).</summary>
    public static RawFrame Frame(int height, int width, int seed)
    {
        PlanarImage noise = TestImages.Random(3, (height / 6) + 1, (width / 6) + 1, seed);
        PlanarImage rgb = Resampler.Resize(noise, width, height, ResampleMethod.Bilinear);
        return new RawFrame(BayerMosaic.FromRgb(rgb, CfaPattern.Rggb), CfaPattern.Rggb, new RawMetadata());
    }

    /// <summary>An HR frame and its LR made by the demosaicked area baseline at the protocol's size for <paramref name="scale"/>.</summary>
    public static RawPackedPair Pair(string name, int height, int width, RationalScale scale, int seed)
    {
        RawFrame hr = Frame(height, width, seed);
        RawDownscalePlan plan = RawDownscaleGeometry.Plan(new FrameSize(height, width), null, scale);
        PlanarImage lr = RawInterpolation.Downscale(hr, plan, ResampleMethod.Area, RawInterpolationDomain.Demosaicked);
        return RawPackedPair.FromFrames(name, hr, new RawFrame(lr, CfaPattern.Rggb, new RawMetadata { HrRegion = plan.Region }), scale);
    }

    /// <summary>A small model whose every weight (the zero-initialised heads too) is drawn from a seeded managed generator.</summary>
    public static RawWaveletNet Model(RawWaveletOptions options, int seed, float amplitude = 0.2f)
    {
        var model = new RawWaveletNet(options);
        var random = new Random(seed);
        using var noGrad = no_grad();
        foreach (var (_, parameter) in model.named_parameters())
        {
            float[] values = [.. Enumerable.Range(0, (int)parameter.numel()).Select(_ => (random.NextSingle() - 0.5f) * amplitude)];
            using Tensor source = tensor(values, parameter.shape);
            parameter.copy_(source);
        }

        return model;
    }

    /// <summary>Small options: 2 features, no blocks.</summary>
    public static RawWaveletOptions Small(string scale, int levels) => new()
    {
        Scale = RationalScale.Parse(scale), Features = 2, Levels = levels, LasdmBlocks = 0, HfpmBlocks = 1,
    };
}
