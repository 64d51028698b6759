using Downscale.Core.Color;
using Downscale.Core.Imaging;

namespace Downscale.Core.Tests.Color;

public class YCbCrTests
{
    [Theory]
    [InlineData(0f, 0f, 0f, 16.0, 128.0, 128.0)]
    [InlineData(1f, 1f, 1f, 235.0, 128.0, 128.0)]
    [InlineData(1f, 0f, 0f, 81.481, 90.203, 240.0)]
    [InlineData(0f, 0f, 1f, 40.966, 240.0, 109.786)]
    public void FromRgb_MatchesMatlabRgb2ycbcr(float r, float g, float b, double y, double cb, double cr)
    {
        PlanarImage ycbcr = YCbCr.FromRgb(Pixel(r, g, b));

        Assert.Equal(y, ycbcr.Plane(0)[0] * 255.0, 1e-3);
        Assert.Equal(cb, ycbcr.Plane(1)[0] * 255.0, 1e-3);
        Assert.Equal(cr, ycbcr.Plane(2)[0] * 255.0, 1e-3);
    }

    [Fact]
    public void ToRgb_InvertsFromRgb()
    {
        var random = new Random(11);
        var rgb = new PlanarImage(3, 5, 7);
        Span<float> data = rgb.Data.Span;
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = random.NextSingle();
        }

        PlanarImage back = YCbCr.ToRgb(YCbCr.FromRgb(rgb));

        for (int i = 0; i < data.Length; i++)
        {
            Assert.Equal(data[i], back.Data.Span[i], 1e-5f);
        }
    }

    [Fact]
    public void LumaFromRgb_EqualsTheYPlaneOfFromRgb()
    {
        PlanarImage rgb = Pixel(0.2f, 0.7f, 0.4f);
        Assert.Equal(YCbCr.FromRgb(rgb).Plane(0)[0], YCbCr.LumaFromRgb(rgb).Plane(0)[0], 1e-6f);
    }

    [Fact]
    public void LumaFrom8BitScale_UsesEightBitValues()
    {
        double[] y = new double[1];
        YCbCr.LumaFrom8BitScale([255.0], [0.0], [51.0], y);
        Assert.Equal(16 + 65.481 + (24.966 * 0.2), y[0], 1e-12);
        Assert.Throws<ArgumentException>(() => YCbCr.LumaFrom8BitScale([1.0], [1.0, 2.0], [1.0], y));
    }

    [Fact]
    public void NonRgbInput_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => YCbCr.FromRgb(new PlanarImage(4, 2, 2)));
        Assert.Contains("3 channels", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => YCbCr.LumaFromRgb(new PlanarImage(1, 2, 2)));
        Assert.Throws<ArgumentException>(() => YCbCr.ToRgb(new PlanarImage(1, 2, 2)));
    }

    private static PlanarImage Pixel(float r, float g, float b)
    {
        var image = new PlanarImage(3, 1, 1);
        image.Plane(0)[0] = r;
        image.Plane(1)[0] = g;
        image.Plane(2)[0] = b;
        return image;
    }
}
