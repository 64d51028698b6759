using System.Runtime.InteropServices;
using System.Text.Json;
using Downscale.Core.Imaging;
using Downscale.Core.Wavelets;
using Downscale.Tests;
using Downscale.Torch.Wavelets;
using TorchSharp;
using static TorchSharp.torch;

namespace Downscale.Torch.Tests.Wavelets;

public class HaarWaveletTests
{
    [Fact]
    public void Forward_MatchesTheNumpyHaarFormulas()
    {
        using var scope = NewDisposeScope();
        using var manifest = JsonDocument.Parse(File.ReadAllBytes(TestPaths.Fixture("raw", "raw_fixtures.json")));
        JsonElement haar = manifest.RootElement.GetProperty("haar");
        Tensor input = FixtureTensor(haar.GetProperty("input"));

        (Tensor a, Tensor v, Tensor h, Tensor d) = HaarWavelet.Forward(input);

        foreach ((string key, Tensor band) in new[] { ("A", a), ("V", v), ("H", h), ("D", d) })
        {
            Tensor expected = FixtureTensor(haar.GetProperty(key));
            Assert.Equal(expected.shape, band.shape);
            Assert.True(band.allclose(expected, rtol: 0, atol: 1e-6), $"{key} differs from numpy by {(band - expected).abs().max().item<float>()}");
        }
    }

    [Theory]
    [InlineData(HaarNormalization.Orthonormal)]
    [InlineData(HaarNormalization.Average)]
    public void InverseOfForward_ReconstructsTheInput(HaarNormalization normalization)
    {
        using var scope = NewDisposeScope();
        Tensor x = randn(new long[] { 2, 4, 6, 10 }, generator: new Generator(3));
        (Tensor a, Tensor v, Tensor h, Tensor d) = HaarWavelet.Forward(x, normalization);
        Tensor back = HaarWavelet.Inverse(a, v, h, d, normalization);
        Assert.Equal(x.shape, back.shape);
        Assert.True(back.allclose(x, rtol: 0, atol: 1e-6));
    }

    [Theory]
    [InlineData(HaarNormalization.Orthonormal)]
    [InlineData(HaarNormalization.Average)]
    public void ForwardAndInverse_EqualTheManagedTransformOnRandomData(HaarNormalization normalization)
    {
        using var scope = NewDisposeScope();
        var random = new Random(17);
        float[] values = Enumerable.Range(0, 3 * 8 * 12).Select(_ => (random.NextSingle() * 2) - 1).ToArray();
        var image = PlanarImage.Wrap(values, 3, 8, 12);
        HaarSubbands managed = HaarTransform.Forward(image, normalization);

        (Tensor a, Tensor v, Tensor h, Tensor d) = HaarWavelet.Forward(tensor(values, new long[] { 1, 3, 8, 12 }), normalization);

        AssertSame(managed.Approximation, a);
        AssertSame(managed.Vertical, v);
        AssertSame(managed.Horizontal, h);
        AssertSame(managed.Diagonal, d);
        AssertSame(HaarTransform.Inverse(managed), HaarWavelet.Inverse(a, v, h, d, normalization));
    }

    [Fact]
    public void Forward_IsDifferentiable_AndOrthonormalEnergyGradientIsTwoX()
    {
        using var scope = NewDisposeScope();
        Tensor x = randn(new long[] { 1, 2, 4, 6 }, generator: new Generator(9)).requires_grad_(true);
        (Tensor a, Tensor v, Tensor h, Tensor d) = HaarWavelet.Forward(x);
        Tensor energy = a.square().sum() + v.square().sum() + h.square().sum() + d.square().sum();

        energy.backward();

        Assert.True(energy.allclose(x.square().sum(), rtol: 1e-5, atol: 1e-5));
        Assert.True(x.grad!.allclose(2 * x.detach(), rtol: 0, atol: 1e-5));
    }

    [Fact]
    public void Inverse_IsDifferentiable()
    {
        using var scope = NewDisposeScope();
        Tensor a = randn(new long[] { 1, 1, 2, 3 }, generator: new Generator(1)).requires_grad_(true);
        Tensor z = zeros(1, 1, 2, 3);
        Tensor y = HaarWavelet.Inverse(a, z, z, z);
        y.sum().backward();

        // Each A coefficient feeds four output pixels with weight 1/2.
        Assert.True(a.grad!.allclose(full(new long[] { 1, 1, 2, 3 }, 2.0f), rtol: 0, atol: 1e-6));
    }

    [Fact]
    public void Forward_OddOrNot4D_Throws()
    {
        using var scope = NewDisposeScope();
        Assert.Throws<ArgumentException>(() => HaarWavelet.Forward(zeros(1, 1, 4, 5)));
        Assert.Throws<ArgumentException>(() => HaarWavelet.Forward(zeros(4, 4)));
        Assert.Throws<ArgumentException>(() => HaarWavelet.Inverse(zeros(1, 1, 2, 2), zeros(1, 1, 2, 2), zeros(1, 1, 2, 2), zeros(1, 1, 2, 3)));
    }

    private static void AssertSame(PlanarImage expected, Tensor actual)
    {
        float[] values = actual.contiguous().data<float>().ToArray();
        Assert.Equal(expected.Data.Length, values.Length);
        for (int i = 0; i < values.Length; i++)
        {
            Assert.True(Math.Abs(expected.Data.Span[i] - values[i]) <= 1e-6f, $"element {i}: managed {expected.Data.Span[i]}, torch {values[i]}");
        }
    }

    private static Tensor FixtureTensor(JsonElement entry)
    {
        Assert.Equal("float32", entry.GetProperty("dtype").GetString());
        long[] shape = entry.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray();
        byte[] bytes = File.ReadAllBytes(TestPaths.Fixture("raw", entry.GetProperty("file").GetString()!));
        return tensor(MemoryMarshal.Cast<byte, float>(bytes).ToArray(), shape);
    }
}
