using Downscale.Core.Imaging;
using Downscale.Core.Raw;

namespace Downscale.Core.Tests.Raw;

public class BayerPackingTests
{
    public static TheoryData<CfaPattern> Patterns => [CfaPattern.Rggb, CfaPattern.Bggr, CfaPattern.Grbg, CfaPattern.Gbrg];

    [Theory]
    [MemberData(nameof(Patterns))]
    public void PackThenUnpack_ReturnsTheSameMosaic(CfaPattern pattern)
    {
        PlanarImage mosaic = RandomMosaic(10, 14, seed: (int)pattern);
        PlanarImage packed = BayerPacking.Pack(mosaic, pattern);
        Assert.Equal((4, 5, 7), (packed.Channels, packed.Height, packed.Width));
        PlanarImage back = BayerPacking.Unpack(packed, pattern);
        Assert.True(back.SameShape(mosaic));
        Assert.Equal(mosaic.Data.ToArray(), back.Data.ToArray());
    }

    [Theory]
    [MemberData(nameof(Patterns))]
    public void Pack_PutsPlanesInCanonicalOrderRedGreen1Green2Blue(CfaPattern pattern)
    {
        // Encode each photosite's colour and row parity: R = 1, G on R's rows = 2, G on B's rows = 3, B = 4.
        var mosaic = new PlanarImage(1, 6, 8);
        int redRowParity = pattern.ColorAt(0, 0) == CfaColor.Red || pattern.ColorAt(0, 1) == CfaColor.Red ? 0 : 1;
        for (int y = 0; y < 6; y++)
        {
            for (int x = 0; x < 8; x++)
            {
                mosaic.Row(0, y)[x] = pattern.ColorAt(y, x) switch
                {
                    CfaColor.Red => 1,
                    CfaColor.Blue => 4,
                    _ => (y % 2) == redRowParity ? 2 : 3,
                };
            }
        }

        PlanarImage packed = BayerPacking.Pack(mosaic, pattern);
        for (int plane = 0; plane < 4; plane++)
        {
            Assert.All(packed.Plane(plane).ToArray(), v => Assert.Equal(plane + 1, v));
        }
    }

    [Fact]
    public void Pack_Rggb_IsRasterOrderOfEachBlock()
    {
        var mosaic = PlanarImage.Wrap(new float[] { 1, 2, 5, 6, 3, 4, 7, 8 }, 1, 2, 4);
        PlanarImage packed = BayerPacking.Pack(mosaic, CfaPattern.Rggb);
        Assert.Equal(new float[] { 1, 5, 2, 6, 3, 7, 4, 8 }, packed.Data.ToArray());
    }

    [Theory]
    [InlineData(5, 6)]
    [InlineData(6, 7)]
    public void Pack_OddSize_ThrowsWithAClearMessage(int height, int width)
    {
        var e = Assert.Throws<ArgumentException>(() => BayerPacking.Pack(new PlanarImage(1, height, width), CfaPattern.Rggb));
        Assert.Contains("even height and width", e.Message, StringComparison.Ordinal);
        Assert.Contains($"{height}x{width}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pack_MultiChannelImage_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => BayerPacking.Pack(new PlanarImage(3, 4, 4), CfaPattern.Rggb));
        Assert.Contains("one channel", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unpack_NotFourPlanes_Throws()
    {
        Assert.Throws<ArgumentException>(() => BayerPacking.Unpack(new PlanarImage(3, 4, 4), CfaPattern.Rggb));
    }

    [Theory]
    [MemberData(nameof(Patterns))]
    public void BayerMosaic_FromRgb_KeepsTheFilteredColourOfEachSite(CfaPattern pattern)
    {
        var rgb = new PlanarImage(3, 4, 6);
        for (int c = 0; c < 3; c++)
        {
            rgb.Plane(c).Fill(c + 1);
        }

        PlanarImage mosaic = BayerMosaic.FromRgb(rgb, pattern);
        for (int y = 0; y < 4; y++)
        {
            for (int x = 0; x < 6; x++)
            {
                Assert.Equal((int)pattern.ColorAt(y, x) + 1, mosaic.Row(0, y)[x]);
            }
        }
    }

    internal static PlanarImage RandomMosaic(int height, int width, int seed)
    {
        var random = new Random(seed);
        var mosaic = new PlanarImage(1, height, width);
        foreach (ref float v in mosaic.Data.Span)
        {
            v = random.NextSingle();
        }

        return mosaic;
    }
}
