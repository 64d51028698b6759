using System.Security.Cryptography;
using Downscale.Core.Imaging;
using Downscale.Tests;

namespace Downscale.Core.Tests.Imaging;

/// <summary>PNG decoding against files the tests craft byte by byte, so the expected samples are known exactly.</summary>
public sealed class ImageFilePngReadTests : IDisposable
{
    private readonly string folder = TestPaths.NewTempFolder();

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void Read_Rgb8_IsExact()
    {
        ushort[] samples = TestImages.RandomSamples(3 * 7 * 5, 255, seed: 1);
        string path = Write("rgb8.png", PngCrafter.Encode(5, 7, 8, PngCrafter.Rgb, samples));

        PlanarImage image = ImageFile.Read(path);

        Assert.Equal((3, 7, 5), (image.Channels, image.Height, image.Width));
        Assert.Equal(samples.Select(v => (byte)v).ToArray(), InterleavedPixels.ToInterleaved8(image));
    }

    [Fact]
    public void Read_Rgb16_IsExact()
    {
        ushort[] samples = TestImages.RandomSamples(3 * 6 * 9, 65535, seed: 2);
        string path = Write("rgb16.png", PngCrafter.Encode(9, 6, 16, PngCrafter.Rgb, samples));

        PlanarImage image = ImageFile.Read(path);

        Assert.Equal(samples, InterleavedPixels.ToInterleaved16(image));
        Assert.Equal(samples[0] / 65535f, image.Plane(0)[0]);
    }

    [Fact]
    public void ReadGray16_IsExactAndSinglePlane()
    {
        ushort[] samples = TestImages.RandomSamples(8 * 11, 65535, seed: 3);
        string path = Write("gray16.png", PngCrafter.Encode(11, 8, 16, PngCrafter.Gray, samples));

        PlanarImage image = ImageFile.ReadGray16(path);

        Assert.Equal(1, image.Channels);
        for (int i = 0; i < samples.Length; i++)
        {
            Assert.Equal(samples[i] / 65535f, image.Plane(0)[i]);
        }
    }

    [Fact]
    public void ReadGray16_RefusesAnRgbOr8BitFile()
    {
        string rgb = Write("rgb.png", PngCrafter.Encode(2, 2, 16, PngCrafter.Rgb, new ushort[12]));
        string gray8 = Write("gray8.png", PngCrafter.Encode(2, 2, 8, PngCrafter.Gray, new ushort[4]));

        var error = Assert.Throws<ImageFormatException>(() => ImageFile.ReadGray16(rgb));
        Assert.Contains("3-channel 16-bit", error.Reason, StringComparison.Ordinal);
        Assert.Throws<ImageFormatException>(() => ImageFile.ReadGray16(gray8));
    }

    [Fact]
    public void ReadGray16_SharedRawMosaicMatchesOpenCv()
    {
        string path = Path.Combine(TestPaths.SharedData, "Set14", "RAW", "HR", "baboon.png");

        PlanarImage mosaic = ImageFile.ReadGray16(path);

        // Expected values from cv2.imread(path, cv2.IMREAD_UNCHANGED) (OpenCV 4.6, an independent decoder).
        Assert.Equal((1, 480, 492), (mosaic.Channels, mosaic.Height, mosaic.Width));
        var words = new ushort[mosaic.PlaneLength];
        for (int i = 0; i < words.Length; i++)
        {
            float scaled = mosaic.Plane(0)[i] * 65535f;
            words[i] = (ushort)MathF.Round(scaled);
            Assert.Equal(words[i] / 65535f, mosaic.Plane(0)[i]); // values are exactly v / 65535
        }

        Assert.Equal((ushort)281, words[0]);
        Assert.Equal((ushort)10518, words[492]);
        Assert.Equal((ushort)21661, words[(123 * 492) + 321]);
        byte[] littleEndian = new byte[words.Length * 2];
        Buffer.BlockCopy(words, 0, littleEndian, 0, littleEndian.Length);
        Assert.Equal("c98f48a0611bcbf5173a825bc3df65450069e8cba7752a9b913dacd489923a94", Convert.ToHexStringLower(SHA256.HashData(littleEndian)));
    }

    [Fact]
    public void Read_Gray8_ExpandsToRgbByDefaultAndKeepsOnePlaneOnRequest()
    {
        ushort[] samples = TestImages.RandomSamples(4 * 3, 255, seed: 4);
        string path = Write("gray8.png", PngCrafter.Encode(3, 4, 8, PngCrafter.Gray, samples));

        PlanarImage rgb = ImageFile.Read(path);
        PlanarImage gray = ImageFile.Read(path, ImageReadOptions.Default with { Gray = GrayMode.Keep });

        Assert.Equal(3, rgb.Channels);
        Assert.Equal(1, gray.Channels);
        for (int c = 0; c < 3; c++)
        {
            Assert.Equal(gray.Plane(0).ToArray(), rgb.Plane(c).ToArray());
        }

        Assert.Equal(samples[5] / 255f, gray.Plane(0)[5]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public void Read_LowBitDepthGray_ScalesToFullRange(int bitDepth)
    {
        int max = (1 << bitDepth) - 1;
        ushort[] samples = TestImages.RandomSamples(5 * 9, max, seed: bitDepth);
        string path = Write($"gray{bitDepth}.png", PngCrafter.Encode(9, 5, bitDepth, PngCrafter.Gray, samples));

        PlanarImage image = ImageFile.Read(path, ImageReadOptions.Default with { Gray = GrayMode.Keep });

        for (int i = 0; i < samples.Length; i++)
        {
            Assert.Equal(samples[i] * (255 / max) / 255f, image.Plane(0)[i]);
        }
    }

    [Fact]
    public void Read_Palette_ExpandsToRgbAndAppliesTransparency()
    {
        byte[] palette = [255, 0, 0, 0, 128, 255, 10, 20, 30];
        byte[] transparency = [255, 64]; // entry 2 is opaque by omission
        ushort[] indices = [0, 1, 2, 1, 0, 2];
        string path = Write("palette.png", PngCrafter.Encode(3, 2, 8, PngCrafter.Palette, indices, palette, transparency));

        PlanarImage rgba = ImageFile.Read(path, ImageReadOptions.Default with { Alpha = AlphaMode.Keep });

        Assert.Equal(4, rgba.Channels);
        for (int i = 0; i < indices.Length; i++)
        {
            int entry = indices[i];
            Assert.Equal(palette[3 * entry] / 255f, rgba.Plane(0)[i]);
            Assert.Equal(palette[(3 * entry) + 1] / 255f, rgba.Plane(1)[i]);
            Assert.Equal(palette[(3 * entry) + 2] / 255f, rgba.Plane(2)[i]);
            Assert.Equal((entry < transparency.Length ? transparency[entry] : 255) / 255f, rgba.Plane(3)[i]);
        }
    }

    [Fact]
    public void Read_Rgba_DropsKeepsOrCompositesAlpha()
    {
        ushort[] samples = [200, 100, 50, 255, 200, 100, 50, 128, 200, 100, 50, 0];
        string path = Write("rgba.png", PngCrafter.Encode(3, 1, 8, PngCrafter.Rgba, samples));

        PlanarImage dropped = ImageFile.Read(path);
        PlanarImage kept = ImageFile.Read(path, ImageReadOptions.Default with { Alpha = AlphaMode.Keep });
        var background = new RgbColor(0f, 0.5f, 1f);
        PlanarImage composited = ImageFile.Read(path, ImageReadOptions.Default with { Alpha = AlphaMode.Composite, Background = background });

        Assert.Equal(3, dropped.Channels);
        Assert.Equal([200 / 255f, 200 / 255f, 200 / 255f], dropped.Plane(0).ToArray());
        Assert.Equal(4, kept.Channels);
        Assert.Equal([1f, 128 / 255f, 0f], kept.Plane(3).ToArray());
        Assert.Equal(3, composited.Channels);
        float a = 128 / 255f;
        Assert.Equal(200 / 255f, composited.Plane(0)[0]);                              // opaque: colour unchanged
        Assert.Equal((a * (100 / 255f)) + ((1 - a) * 0.5f), composited.Plane(1)[1], 6); // a*c + (1-a)*bg
        Assert.Equal(1f, composited.Plane(2)[2]);                                       // transparent: background
    }

    [Fact]
    public void Read_GrayAlpha_CompositesOverBackgroundLumaWhenKeptGray()
    {
        ushort[] samples = [100, 0, 100, 255]; // 2x1 gray + alpha
        string path = Write("ga.png", PngCrafter.Encode(2, 1, 8, PngCrafter.GrayAlpha, samples));
        var options = ImageReadOptions.Default with { Alpha = AlphaMode.Composite, Gray = GrayMode.Keep, Background = new RgbColor(1f, 0f, 0f) };

        PlanarImage gray = ImageFile.Read(path, options);
        PlanarImage rgb = ImageFile.Read(path, options with { Gray = GrayMode.ExpandToRgb });
        PlanarImage grayAlpha = ImageFile.Read(path, ImageReadOptions.Default with { Alpha = AlphaMode.Keep, Gray = GrayMode.Keep });

        Assert.Equal(1, gray.Channels);
        Assert.Equal(0.299f, gray.Plane(0)[0], 6);
        Assert.Equal(100 / 255f, gray.Plane(0)[1]);
        Assert.Equal(3, rgb.Channels);
        Assert.Equal(2, grayAlpha.Channels);
        Assert.Equal([0f, 1f], grayAlpha.Plane(1).ToArray());
    }

    [Fact]
    public void ReadInfo_DescribesHeaderWithoutDecoding()
    {
        string path = Write("info.png", PngCrafter.Encode(9, 6, 16, PngCrafter.Rgba, new ushort[4 * 9 * 6]));

        ImageInfo info = ImageFile.ReadInfo(path);

        Assert.Equal(new ImageInfo(ImageFileFormat.Png, 9, 6, 4, 16, 1), info);
        Assert.True(info.HasAlpha);
        Assert.False(info.IsGray);
    }

    private string Write(string name, byte[] bytes)
    {
        string path = Path.Combine(folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
