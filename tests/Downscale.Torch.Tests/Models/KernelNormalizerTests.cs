using Downscale.Torch.Models.AdkNet;
using Downscale.Torch.Native;
using static TorchSharp.torch;

namespace Downscale.Torch.Tests.Models;

/// <summary>Section III-E's formulas against values worked out here in float64.</summary>
public class KernelNormalizerTests
{
    private static readonly float[] Raw = [-1.5f, 0.5f, 2.0f, 0.25f];
    private const double Eps = 1e-6;

    public KernelNormalizerTests() => TorchNative.EnsureLoaded();

    [Fact]
    public void TwoStage_IsMinMaxWithEpsThenSumToOneWithEps()
    {
        double min = -1.5, max = 2.0;
        double[] scaled = [.. Raw.Select(v => (v - min) / (max - min + Eps))];
        double sum = scaled.Sum();

        float[] actual = Normalize(KernelNormalization.TwoStage);

        Assert.Equal(scaled.Select(v => v / (sum + Eps)), actual.Select(v => (double)v), new Close(1e-6));
    }

    [Fact]
    public void SumOnly_DividesTheRawKernelByItsSumPlusEps()
    {
        double sum = Raw.Sum(v => (double)v);

        float[] actual = Normalize(KernelNormalization.SumOnly);

        Assert.Equal(Raw.Select(v => v / (sum + Eps)), actual.Select(v => (double)v), new Close(1e-6));
        Assert.True(actual[0] < 0, "sum-only keeps negative weights");
    }

    [Fact]
    public void MinMaxOnly_ScalesToZeroOneWithoutSumming()
    {
        float[] actual = Normalize(KernelNormalization.MinMaxOnly);

        Assert.Equal(Raw.Select(v => (v + 1.5) / (3.5 + Eps)), actual.Select(v => (double)v), new Close(1e-6));
        Assert.Equal(0f, actual[0]);
    }

    [Fact]
    public void TwoStage_NormalisesEachPixelAndChannelIndependently()
    {
        using var scope = NewDisposeScope();
        Tensor raw = randn([2, 3, 25, 4, 5]) * 3;

        Tensor kernels = KernelNormalizer.Normalize(raw, KernelNormalization.TwoStage, Eps);

        Assert.True((kernels.sum(2) - 1).abs().max().item<float>() < 1e-5f);
        Assert.True(kernels.min().item<float>() >= 0f);
        Assert.Equal(2 * 3 * 4 * 5, kernels.eq(0).sum().item<long>()); // exactly one zero (the minimum) per kernel
    }

    [Fact]
    public void TwoStage_ConstantKernel_BecomesAllZero()
    {
        // max - min = 0: eps keeps the division finite and the kernel vanishes; the paper's formula, documented.
        using var scope = NewDisposeScope();
        Tensor kernels = KernelNormalizer.Normalize(full([1, 1, 9, 1, 1], 0.3f), KernelNormalization.TwoStage, Eps);

        Assert.Equal(0f, kernels.abs().max().item<float>());
    }

    private static float[] Normalize(KernelNormalization mode)
    {
        using var scope = NewDisposeScope();
        Tensor raw = tensor(Raw).reshape(1, 1, 4, 1, 1);
        return KernelNormalizer.Normalize(raw, mode, Eps).data<float>().ToArray();
    }

    private sealed class Close(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
