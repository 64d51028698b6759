using Downscale.Tests;
using Downscale.Core.Imaging;

namespace Downscale.Core.Tests.Imaging;

public class InterleavedPixelsTests
{
    [Fact]
    public void ToPlanar_8Bit_DividesBy255AndDeinterleaves()
    {
        byte[] hwc = [10, 20, 30, 40, 50, 60]; // 1x2 RGB
        PlanarImage image = InterleavedPixels.ToPlanar(hwc, 1, 2, 3);

        Assert.Equal([10 / 255f, 40 / 255f], image.Plane(0).ToArray());
        Assert.Equal([20 / 255f, 50 / 255f], image.Plane(1).ToArray());
        Assert.Equal([30 / 255f, 60 / 255f], image.Plane(2).ToArray());
    }

    [Fact]
    public void RoundTrip_8Bit_IsExactForEveryValue()
    {
        byte[] all = Enumerable.Range(0, 256).Select(v => (byte)v).ToArray();
        PlanarImage image = InterleavedPixels.ToPlanar(all, 16, 16, 1);

        Assert.Equal(all, InterleavedPixels.ToInterleaved8(image));
    }

    [Fact]
    public void RoundTrip_16Bit_IsExactForEveryValue()
    {
        ushort[] all = Enumerable.Range(0, 65536).Select(v => (ushort)v).ToArray();
        PlanarImage image = InterleavedPixels.ToPlanar(all, 256, 64, 4);

        Assert.Equal(all, InterleavedPixels.ToInterleaved16(image));
        Assert.Equal(65535f / 65535f, image.Plane(3)[^1]);
    }

    [Theory]
    [InlineData(-0.2f, 0)]
    [InlineData(0f, 0)]
    [InlineData(1.2f, 255)]
    [InlineData(float.PositiveInfinity, 255)]
    [InlineData(float.NegativeInfinity, 0)]
    [InlineData(float.NaN, 0)]
    [InlineData(0.5f / 255f, 1)]   // exactly half way rounds up
    [InlineData(0.49f / 255f, 0)]
    [InlineData(127.5f / 255f, 128)]
    public void ToInterleaved8_RoundsHalfUpAndClamps(float value, byte expected)
    {
        // 19 columns: two 8-lane vector blocks and a scalar tail, all held to the same rule.
        var image = new PlanarImage(2, 1, 19);
        image.Data.Span.Fill(value);

        Assert.All(InterleavedPixels.ToInterleaved8(image), b => Assert.Equal(expected, b));
    }

    [Fact]
    public void ToInterleaved_MatchesScalarReferenceOnRandomValues_InParallelPath()
    {
        // Big enough to take the row-parallel path; values straddle the clamp limits.
        var random = new Random(7);
        var image = new PlanarImage(3, 300, 403); // 403 = 50 vector blocks + a 3-column scalar tail
        Span<float> data = image.Data.Span;
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = (float)((random.NextDouble() * 1.4) - 0.2);
        }

        byte[] bytes = InterleavedPixels.ToInterleaved8(image);
        ushort[] words = InterleavedPixels.ToInterleaved16(image);
        for (int c = 0; c < 3; c++)
        {
            for (int i = 0; i < image.PlaneLength; i += 7)
            {
                float v = image.Plane(c)[i];
                Assert.Equal((byte)Math.Clamp(MathF.Floor((v * 255f) + 0.5f), 0f, 255f), bytes[(3 * i) + c]);
                Assert.Equal((ushort)Math.Clamp(MathF.Floor((v * 65535f) + 0.5f), 0f, 65535f), words[(3 * i) + c]);
            }
        }
    }

    [Fact]
    public void ToPlanar_ParallelPathEqualsRowByRowConversion()
    {
        ushort[] samples = TestImages.RandomSamples(4 * 257 * 311, 65535, seed: 3);
        PlanarImage whole = InterleavedPixels.ToPlanar(samples, 257, 311, 4);

        for (int y = 0; y < 257; y += 37)
        {
            PlanarImage row = InterleavedPixels.ToPlanar(samples.AsSpan(y * 311 * 4, 311 * 4), 1, 311, 4);
            for (int c = 0; c < 4; c++)
            {
                Assert.Equal(row.Plane(c).ToArray(), whole.Row(c, y).ToArray());
            }
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void CopyToPlanar_KeepsChannelOrder(int channels)
    {
        byte[] hwc = TestImages.RandomSamples(channels * 6, 255, seed: channels).Select(v => (byte)v).ToArray();
        var image = new PlanarImage(channels, 2, 3);
        InterleavedPixels.CopyToPlanar(hwc, image);

        for (int c = 0; c < channels; c++)
        {
            Assert.Equal(hwc[(5 * channels) + c] / 255f, image.Plane(c)[5]);
        }
    }

    [Fact]
    public void ToPlanar_RefusesWrongLength()
    {
        var error = Assert.Throws<ArgumentException>(() => InterleavedPixels.ToPlanar(new byte[10], 2, 2, 3));
        Assert.Contains("needs 12 samples", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void ToPlanar_RefusesUnsupportedChannelCounts(int channels) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => InterleavedPixels.ToPlanar(new byte[4 * 5], 2, 2, channels));

    [Fact]
    public void CopyToInterleaved_RefusesWrongLength() =>
        Assert.Throws<ArgumentException>(() => InterleavedPixels.CopyToInterleaved(new PlanarImage(3, 2, 2), new byte[11]));
}
