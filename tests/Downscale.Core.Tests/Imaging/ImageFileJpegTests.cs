using Downscale.Core.Imaging;
using Downscale.Tests;

namespace Downscale.Core.Tests.Imaging;

public sealed class ImageFileJpegTests : IDisposable
{
    private readonly string folder = TestPaths.NewTempFolder();

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void WriteThenRead_BaselineAndProgressive_StayCloseToSource(bool progressive)
    {
        PlanarImage source = TestImages.Smooth(48, 64);
        string path = Path.Combine(folder, "smooth.jpg");

        ImageFile.Write(path, source, ImageWriteOptions.Default with { Quality = 95, Progressive = progressive });
        PlanarImage decoded = ImageFile.Read(path);

        Assert.Equal(ImageFileFormat.Jpeg, ImageFile.ReadInfo(path).Format);
        Assert.True(TestImages.MeanAbsoluteDifference(source, decoded) < 0.01);
        byte[] bytes = File.ReadAllBytes(path);
        Assert.Equal(progressive ? (byte)0xC2 : (byte)0xC0, bytes[JpegFixtures.FindStartOfFrame(bytes) + 1]);
    }

    [Fact]
    public void Read_ExifOrientation6_IsRotatedClockwise()
    {
        // Stored 32 wide x 16 high; orientation 6 means "rotate 90 degrees clockwise to display".
        string path = WriteJpegWithOrientation("o6.jpg", TestImages.Quadrants(16, 32), orientation: 6);

        PlanarImage upright = ImageFile.Read(path);
        PlanarImage stored = ImageFile.Read(path, ImageReadOptions.Default with { ApplyOrientation = false });
        ImageInfo info = ImageFile.ReadInfo(path);

        Assert.Equal((16, 32), (stored.Height, stored.Width));
        Assert.Equal((32, 16), (upright.Height, upright.Width));
        Assert.Equal((6, 16, 32), (info.Orientation, info.Width, info.Height));
        // Clockwise: stored top-left (red) goes to the top-right, stored bottom-left (blue) to the top-left.
        AssertColour(upright, y: 4, x: 12, r: 1, g: 0, b: 0);
        AssertColour(upright, y: 4, x: 3, r: 0, g: 0, b: 1);
        AssertColour(upright, y: 28, x: 12, r: 0, g: 1, b: 0);
        AssertColour(upright, y: 28, x: 3, r: 1, g: 1, b: 1);
        AssertColour(stored, y: 4, x: 4, r: 1, g: 0, b: 0);
    }

    [Fact]
    public void Read_ExifOrientation3_IsRotatedHalfTurn()
    {
        string path = WriteJpegWithOrientation("o3.jpg", TestImages.Quadrants(16, 32), orientation: 3);

        PlanarImage upright = ImageFile.Read(path);

        Assert.Equal((16, 32), (upright.Height, upright.Width));
        AssertColour(upright, y: 12, x: 28, r: 1, g: 0, b: 0); // red moved from top-left to bottom-right
    }

    [Fact]
    public void Read_Gray_ExpandsOrKeeps()
    {
        PlanarImage gray = TestImages.Smooth(16, 16).ChannelView(0, 1);
        string path = Path.Combine(folder, "gray.jpg");
        ImageFile.Write(path, gray, ImageWriteOptions.Default);

        Assert.Equal(1, ImageFile.ReadInfo(path).Channels);
        Assert.Equal(3, ImageFile.Read(path).Channels);
        Assert.Equal(1, ImageFile.Read(path, ImageReadOptions.Default with { Gray = GrayMode.Keep }).Channels);
    }

    [Fact]
    public void Write_RefusesAlphaAnd16BitJpeg()
    {
        string path = Path.Combine(folder, "bad.jpg");

        Assert.Throws<ArgumentException>(() => ImageFile.Write(path, new PlanarImage(4, 2, 2), ImageWriteOptions.Default));
        Assert.Throws<ArgumentException>(() => ImageFile.Write(path, new PlanarImage(3, 2, 2), ImageWriteOptions.Default with { BitDepth = 16 }));
        Assert.False(File.Exists(path));
    }

    private static void AssertColour(PlanarImage image, int y, int x, float r, float g, float b)
    {
        Assert.Equal(r, image.Row(0, y)[x], 1);
        Assert.Equal(g, image.Row(1, y)[x], 1);
        Assert.Equal(b, image.Row(2, y)[x], 1);
    }

    private string WriteJpegWithOrientation(string name, PlanarImage image, ushort orientation)
    {
        string plain = Path.Combine(folder, "plain-" + name);
        ImageFile.Write(plain, image, ImageWriteOptions.Default);
        string path = Path.Combine(folder, name);
        File.WriteAllBytes(path, JpegFixtures.WithOrientation(File.ReadAllBytes(plain), orientation));
        return path;
    }
}
