using Downscale.Core.Imaging;
using Downscale.Tests;

namespace Downscale.Core.Tests.Imaging;

public sealed class ImageFileWriteTests : IDisposable
{
    private readonly string folder = TestPaths.NewTempFolder();

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void WritePng_8Bit_RoundTripsExactly(int channels)
    {
        ushort[] samples = TestImages.RandomSamples(channels * 13 * 17, 255, seed: channels);
        PlanarImage image = InterleavedPixels.ToPlanar(samples.Select(v => (byte)v).ToArray(), 13, 17, channels);
        string path = Path.Combine(folder, "out.png");

        ImageFile.WritePng(path, image);
        var keepAll = ImageReadOptions.Default with { Alpha = AlphaMode.Keep, Gray = GrayMode.Keep };
        PlanarImage back = ImageFile.Read(path, keepAll);

        Assert.Equal(new ImageInfo(ImageFileFormat.Png, 17, 13, channels, 8, 1), ImageFile.ReadInfo(path));
        Assert.Equal(image.Data.ToArray(), back.Data.ToArray());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    public void Write_16BitPng_RoundTripsExactly(int channels)
    {
        ushort[] samples = TestImages.RandomSamples(channels * 11 * 7, 65535, seed: 10 + channels);
        PlanarImage image = InterleavedPixels.ToPlanar(samples, 11, 7, channels);
        string path = Path.Combine(folder, "out16.png");

        ImageFile.Write(path, image, ImageWriteOptions.Default with { BitDepth = 16 });
        PlanarImage back = ImageFile.Read(path, ImageReadOptions.Default with { Alpha = AlphaMode.Keep, Gray = GrayMode.Keep });

        Assert.Equal(16, ImageFile.ReadInfo(path).BitDepth);
        Assert.Equal(samples, InterleavedPixels.ToInterleaved16(back));
    }

    [Fact]
    public void WritePng_QuantizesOutOfRangeValuesByTheDocumentedRule()
    {
        var image = new PlanarImage(1, 1, 4);
        float[] values = [-0.5f, 0.5f / 255f, 1.5f, float.NaN];
        values.CopyTo(image.Plane(0));
        string path = Path.Combine(folder, "rule.png");

        ImageFile.WritePng(path, image);
        PlanarImage back = ImageFile.Read(path, ImageReadOptions.Default with { Gray = GrayMode.Keep });

        Assert.Equal([0f, 1 / 255f, 1f, 0f], back.Plane(0).ToArray());
    }

    [Fact]
    public void WritePng_ReplacesExistingFileAndLeavesNoTemporaryFiles()
    {
        string path = Path.Combine(folder, "sub", "image.png");
        ImageFile.WritePng(path, new PlanarImage(3, 2, 2));

        var white = new PlanarImage(3, 3, 5);
        white.Data.Span.Fill(1f);
        ImageFile.WritePng(path, white);

        Assert.Equal(5, ImageFile.ReadInfo(path).Width);
        Assert.Equal(1f, ImageFile.Read(path).Plane(1)[7]);
        Assert.Equal([path], Directory.GetFiles(Path.GetDirectoryName(path)!));
    }

    [Fact]
    public void Write_TakesFormatFromExtensionOrOptions()
    {
        PlanarImage image = TestImages.Smooth(8, 8);
        string jpeg = Path.Combine(folder, "a.JPEG");
        string forced = Path.Combine(folder, "b.data");

        ImageFile.Write(jpeg, image, ImageWriteOptions.Default);
        ImageFile.Write(forced, image, ImageWriteOptions.Default with { Format = ImageFileFormat.Png });

        Assert.Equal(ImageFileFormat.Jpeg, ImageFile.ReadInfo(jpeg).Format);
        Assert.Equal(ImageFileFormat.Png, ImageFile.ReadInfo(forced).Format);
        Assert.Throws<ArgumentException>(() => ImageFile.Write(Path.Combine(folder, "c.tiff"), image, ImageWriteOptions.Default));
    }

    [Fact]
    public void ReadAndWrite_AreSafeFromManyThreads()
    {
        PlanarImage[] images = Enumerable.Range(0, 8).Select(i => InterleavedPixels.ToPlanar(
            TestImages.RandomSamples(3 * 64 * 48, 255, seed: i).Select(v => (byte)v).ToArray(), 48, 64, 3)).ToArray();

        Parallel.For(0, images.Length, i =>
        {
            string path = Path.Combine(folder, $"t{i}.png");
            ImageFile.WritePng(path, images[i]);
            Assert.Equal(images[i].Data.ToArray(), ImageFile.Read(path).Data.ToArray());
        });
    }
}
