using System.Text.Json;
using Downscale.Core.Imaging;
using Downscale.Core.Tests.Raw;
using Downscale.Core.Wavelets;

namespace Downscale.Core.Tests.Wavelets;

public class HaarTransformTests
{
    [Fact]
    public void Forward_MatchesTheNumpyHaarFormulas()
    {
        JsonElement entry = RawFixtures.Entry("haar");
        int[] shape = RawFixtures.Shape(entry.GetProperty("input"));
        float[] input = RawFixtures.Floats(entry.GetProperty("input"));
        int n = shape[0], c = shape[1], h = shape[2], w = shape[3];
        int imageLength = c * h * w, bandLength = c * (h / 2) * (w / 2);

        for (int i = 0; i < n; i++)
        {
            var image = PlanarImage.Wrap(input.AsMemory(i * imageLength, imageLength), c, h, w);
            HaarSubbands bands = HaarTransform.Forward(image);
            foreach ((string key, PlanarImage band) in new[] { ("A", bands.Approximation), ("V", bands.Vertical), ("H", bands.Horizontal), ("D", bands.Diagonal) })
            {
                float[] expected = RawFixtures.Floats(entry.GetProperty(key)).AsSpan(i * bandLength, bandLength).ToArray();
                float[] actual = band.Data.ToArray();
                for (int k = 0; k < expected.Length; k++)
                {
                    Assert.True(Math.Abs(expected[k] - actual[k]) <= 1e-6f, $"{key}[{i}, {k}]: expected {expected[k]}, got {actual[k]}");
                }
            }
        }
    }

    [Theory]
    [InlineData(HaarNormalization.Orthonormal)]
    [InlineData(HaarNormalization.Average)]
    public void InverseOfForward_ReconstructsTheImage(HaarNormalization normalization)
    {
        PlanarImage image = RandomImage(3, 10, 14, seed: 11);
        PlanarImage back = HaarTransform.Inverse(HaarTransform.Forward(image, normalization));
        Assert.True(back.SameShape(image));
        for (int i = 0; i < image.Data.Length; i++)
        {
            Assert.True(Math.Abs(image.Data.Span[i] - back.Data.Span[i]) <= 1e-6f);
        }
    }

    [Fact]
    public void Forward_OnASingleBlock_FollowsTheDocumentedSigns()
    {
        // [[a, b], [c, d]] = [[1, 2], [3, 5]].
        var image = PlanarImage.Wrap(new float[] { 1, 2, 3, 5 }, 1, 2, 2);
        HaarSubbands o = HaarTransform.Forward(image);
        Assert.Equal((5.5f, -1.5f, -2.5f, 0.5f), (o.Approximation.Data.Span[0], o.Vertical.Data.Span[0], o.Horizontal.Data.Span[0], o.Diagonal.Data.Span[0]));
        HaarSubbands avg = HaarTransform.Forward(image, HaarNormalization.Average);
        Assert.Equal(2.75f, avg.Approximation.Data.Span[0]);
        Assert.Equal(HaarNormalization.Average, avg.Normalization);
    }

    [Fact]
    public void Forward_Orthonormal_PreservesEnergy()
    {
        PlanarImage image = RandomImage(2, 8, 12, seed: 5);
        HaarSubbands b = HaarTransform.Forward(image);
        double Energy(PlanarImage p) => p.Data.ToArray().Sum(v => (double)v * v);
        double bands = Energy(b.Approximation) + Energy(b.Vertical) + Energy(b.Horizontal) + Energy(b.Diagonal);
        Assert.Equal(Energy(image), bands, 4);
    }

    [Fact]
    public void Forward_OddSize_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => HaarTransform.Forward(new PlanarImage(1, 4, 5)));
        Assert.Contains("even height and width", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Inverse_MismatchedBands_Throws()
    {
        var a = new PlanarImage(1, 2, 2);
        var bands = new HaarSubbands(a, a, a, new PlanarImage(1, 2, 3), HaarNormalization.Orthonormal);
        Assert.Throws<ArgumentException>(() => HaarTransform.Inverse(bands));
    }

    internal static PlanarImage RandomImage(int channels, int height, int width, int seed)
    {
        var random = new Random(seed);
        var image = new PlanarImage(channels, height, width);
        foreach (ref float v in image.Data.Span)
        {
            v = (random.NextSingle() * 2) - 1;
        }

        return image;
    }
}
