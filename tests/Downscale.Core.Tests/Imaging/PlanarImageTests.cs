using Downscale.Core.Imaging;

namespace Downscale.Core.Tests.Imaging;

public class PlanarImageTests
{
    [Fact]
    public void ChannelView_SharesStorageWithSource()
    {
        var image = new PlanarImage(3, 2, 4);
        PlanarImage green = image.ChannelView(1, 1);

        green.Row(0, 1)[2] = 0.5f;

        Assert.Equal(0.5f, image.Data.Span[(1 * 8) + (1 * 4) + 2]);
        Assert.Equal(1, green.Channels);
    }

    [Fact]
    public void Wrap_RejectsBufferOfWrongLength()
    {
        var error = Assert.Throws<ArgumentException>(() => PlanarImage.Wrap(new float[10], 3, 2, 2));
        Assert.Contains("needs 12 floats", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 1, 1)]
    [InlineData(1, -1, 1)]
    [InlineData(1, 1, 0)]
    public void Constructor_RejectsNonPositiveDimensions(int c, int h, int w) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new PlanarImage(c, h, w));

    [Fact]
    public void Clone_IsIndependent()
    {
        var image = new PlanarImage(1, 1, 2);
        PlanarImage copy = image.Clone();
        copy.Plane(0)[0] = 1f;
        Assert.Equal(0f, image.Plane(0)[0]);
    }
}
