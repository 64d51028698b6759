using System.Buffers.Binary;
using Downscale.Core.Imaging;
using Downscale.Tests;

namespace Downscale.Core.Tests.Imaging;

/// <summary>Bad files are refused with specific exceptions carrying the path and reason, never with a crash.</summary>
public sealed class ImageFileRefusalTests : IDisposable
{
    private readonly string folder = TestPaths.NewTempFolder();

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void Read_ZeroByteFile_IsRefused()
    {
        string path = Write("empty.png", []);

        var error = Assert.Throws<ImageFormatException>(() => ImageFile.Read(path));

        Assert.Equal(path, error.Path);
        Assert.Contains("empty", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MissingFile_ThrowsFileNotFound() =>
        Assert.Throws<FileNotFoundException>(() => ImageFile.Read(Path.Combine(folder, "missing.png")));

    [Fact]
    public void Read_TextFile_IsRefusedAsNotAnImage()
    {
        string path = Write("notes.png", "hello, this is text"u8.ToArray());

        var error = Assert.Throws<ImageFormatException>(() => ImageFile.Read(path));

        Assert.Contains("not a PNG or JPEG", error.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GIF89a\x01\x00\x01\x00", "GIF")]
    [InlineData("BM\x3a\x00\x00\x00\x00\x00", "BMP")]
    [InlineData("II*\x00\x08\x00\x00\x00", "TIFF")]
    [InlineData("RIFF\x10\x00\x00\x00WEBPVP8 ", "WebP")]
    public void Read_UnsupportedFormats_AreNamed(string head, string name)
    {
        string path = Write("image.bin", [.. head.Select(ch => (byte)ch), .. new byte[32]]);

        var error = Assert.Throws<ImageFormatException>(() => ImageFile.Read(path));

        Assert.StartsWith(name, error.Reason, StringComparison.Ordinal);
        Assert.Contains("not supported", error.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.9)]
    [InlineData(0.02)]
    public void Read_TruncatedPng_IsRefused(double fraction)
    {
        string path = Write("truncated.png", TestImages.Truncated(ValidPng(), fraction));

        var error = Assert.Throws<ImageFormatException>(() => ImageFile.Read(path));

        Assert.Equal(path, error.Path);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.05)]
    public void Read_TruncatedJpeg_IsRefused(double fraction)
    {
        string path = Write("truncated.jpg", TestImages.Truncated(ValidJpeg(progressive: false), fraction));

        Assert.Throws<ImageFormatException>(() => ImageFile.Read(path));
    }

    [Fact]
    public void Read_TruncatedProgressiveJpeg_IsRefused()
    {
        string path = Write("truncated-progressive.jpg", TestImages.Truncated(ValidJpeg(progressive: true), 0.6));

        Assert.Throws<ImageFormatException>(() => ImageFile.Read(path));
    }

    [Fact]
    public void Read_PngWithFlippedPixelBytes_IsRefused()
    {
        byte[] png = ValidPng();
        int idat = PngCrafter.FindChunkData(png, "IDAT");
        string path = Write("flipped.png", TestImages.Flipped(png, idat + 20, 16));

        var error = Assert.Throws<ImageFormatException>(() => ImageFile.Read(path));

        Assert.Contains("corrupt", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_PngWithFlippedHeaderBytes_IsRefused()
    {
        byte[] png = ValidPng();
        string path = Write("flipped-header.png", TestImages.Flipped(png, PngCrafter.FindChunkData(png, "IHDR") + 8, 2));

        Assert.Throws<ImageFormatException>(() => ImageFile.Read(path));
    }

    [Fact]
    public void Read_JpegWithFlippedFrameHeader_IsRefused()
    {
        byte[] jpeg = ValidJpeg(progressive: false);
        int sof = JpegFixtures.FindStartOfFrame(jpeg);
        string path = Write("flipped-header.jpg", TestImages.Flipped(jpeg, sof + 4, 1)); // sample precision

        Assert.Throws<ImageFormatException>(() => ImageFile.Read(path));
    }

    [Fact]
    public void Read_JpegWithCorruptEntropyData_IsRefusedWhenFailingOnWarnings()
    {
        byte[] jpeg = ValidJpeg(progressive: false);
        int scan = JpegFixtures.FindMarker(jpeg, 0xDA);
        string path = Write("flipped-data.jpg", TestImages.Flipped(jpeg, scan + ((jpeg.Length - scan) / 2), 24));

        Assert.Throws<ImageFormatException>(() => ImageFile.Read(path, ImageReadOptions.Default with { FailOnWarnings = true }));
    }

    [Fact]
    public void Read_ZeroWidthPng_IsRefused()
    {
        byte[] png = PngCrafter.Assemble(PngCrafter.Header(0, 4, 8, PngCrafter.Gray), null, null, PngCrafter.Compress(new byte[4]));
        string path = Write("zero.png", png);

        Assert.Throws<ImageFormatException>(() => ImageFile.Read(path));
    }

    [Fact]
    public void Read_ZeroHeightJpeg_IsRefused()
    {
        byte[] jpeg = ValidJpeg(progressive: false);
        int sof = JpegFixtures.FindStartOfFrame(jpeg);
        BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(sof + 5), 0); // frame height
        string path = Write("zero.jpg", jpeg);

        Assert.Throws<ImageFormatException>(() => ImageFile.Read(path));
    }

    [Fact]
    public void Read_DecompressionBomb_IsRefusedFromTheHeader()
    {
        // The header claims 20000 x 20000 RGB (1.2 GB of samples); the data is a few hundred bytes.
        byte[] png = PngCrafter.Assemble(PngCrafter.Header(20000, 20000, 8, PngCrafter.Rgb), null, null, PngCrafter.Compress(new byte[60001 * 2]));
        string path = Write("bomb.png", png);
        Assert.True(new FileInfo(path).Length < 2000);

        var error = Assert.Throws<ImageTooLargeException>(() => ImageFile.Read(path));

        Assert.Equal((20000, 20000, ImageReadOptions.Defaults.MaxPixels), (error.Width, error.Height, error.MaxPixels));
        Assert.Contains("400000000 pixels", error.Reason, StringComparison.Ordinal);
        Assert.Equal(path, error.Path);
    }

    [Fact]
    public void Read_ImageOverConfiguredLimit_IsRefused()
    {
        string path = Write("valid.png", ValidPng());

        Assert.Throws<ImageTooLargeException>(() => ImageFile.Read(path, ImageReadOptions.Default with { MaxPixels = 100 }));
        Assert.Equal(3, ImageFile.Read(path, ImageReadOptions.Default with { MaxPixels = 24 * 40 }).Channels);
    }

    [Fact]
    public void Options_RefuseInvalidValues()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageReadOptions.Default with { MaxPixels = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageReadOptions.Default with { Alpha = (AlphaMode)9 });
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageReadOptions.Default with { Background = new RgbColor(2f, 0f, 0f) });
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageWriteOptions.Default with { BitDepth = 12 });
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageWriteOptions.Default with { Quality = 0 });
    }

    private static byte[] ValidPng() =>
        PngCrafter.Encode(40, 24, 8, PngCrafter.Rgb, TestImages.RandomSamples(3 * 40 * 24, 255, seed: 9));

    private byte[] ValidJpeg(bool progressive)
    {
        string path = Path.Combine(folder, $"valid-{progressive}.jpg");
        ImageFile.Write(path, TestImages.Smooth(64, 96), ImageWriteOptions.Default with { Progressive = progressive });
        return File.ReadAllBytes(path);
    }

    private string Write(string name, byte[] bytes)
    {
        string path = Path.Combine(folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
