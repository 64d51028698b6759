using System.Text.Json;
using Downscale.Core.Imaging;
using Downscale.Core.Raw;
using Downscale.Tests;

namespace Downscale.Core.Tests.Raw;

public class RawProtocolFileTests
{
    [Fact]
    public void Read_FixtureCrop_EqualsCv2CodesOver65535Exactly()
    {
        JsonElement entry = RawFixtures.Entry("png_crop");
        ushort[] expected = RawFixtures.UShorts(entry.GetProperty("codes"));
        RawFrame frame = RawProtocolFile.Read(RawFixtures.Path(entry.GetProperty("file").GetString()!));

        Assert.Equal((32, 48), (frame.Height, frame.Width));
        Assert.Equal(CfaPattern.Rggb, frame.Pattern);
        float[] actual = frame.Mosaic.Data.ToArray();
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal((float)(expected[i] / 65535.0), actual[i]);
        }
    }

    [Fact]
    public void Read_SharedSet14File_MatchesCv2OnTheFixtureCropAndParsesTheSidecar()
    {
        JsonElement entry = RawFixtures.Entry("isp_lr_x2");
        int y0 = entry.GetProperty("y0").GetInt32(), x0 = entry.GetProperty("x0").GetInt32();
        int h = entry.GetProperty("height").GetInt32(), w = entry.GetProperty("width").GetInt32();
        ushort[] expected = RawFixtures.UShorts(entry.GetProperty("codes"));

        RawFrame frame = RawProtocolFile.Read(Path.Combine(TestPaths.SharedData, entry.GetProperty("source").GetString()!));

        for (int y = 0; y < h; y++)
        {
            ReadOnlySpan<float> row = frame.Mosaic.Row(0, y0 + y);
            for (int x = 0; x < w; x++)
            {
                Assert.Equal(expected[(y * w) + x], (ushort)Math.Round(row[x0 + x] * 65535.0));
            }
        }

        RawMetadata m = frame.Metadata;
        Assert.Equal(new FrameSize(240, 246), m.LrSize);
        Assert.Equal(new FrameSize(480, 492), m.HrSize);
        Assert.Equal(new FrameSize(480, 492), m.HrRegion);
        Assert.Equal(new FrameScale(2.0, 2.0), m.ScaleActual);
        Assert.Equal(2, m.Scale);
        Assert.Equal(2.038221571886308, m.WhiteBalance.Red);
        Assert.Equal(1.643722861533456, m.WhiteBalance.Blue);
        Assert.Equal(1.0, m.WhiteBalance.Green);
        Assert.Equal(1.2622718801543051, m.CamToRgb[0, 0]);
        Assert.Equal(-0.0469, m.XyzToCam![1, 2]);
        Assert.True(m.RgbToCam!.Multiply(m.CamToRgb).ApproximatelyEquals(ColorMatrix3x3.Identity, 1e-12));
        Assert.Equal((0.0, 65535.0, 16), (m.BlackLevel, m.WhiteLevel, m.BitDepth));
        Assert.Equal(("pairs-v1", "baboon", "Set14", "lr"), (m.Generator, m.ImageName, m.SetName, m.Kind));
        Assert.Equal(0.0002, m.Noise!.Shot);
        Assert.Equal(0.001, m.Noise.ReadStd);
    }

    [Fact]
    public void Read_SidecarWithSeedAboveLongMax_KeepsTheFullUnsignedSeed()
    {
        RawFrame frame = RawProtocolFile.Read(RawFixtures.Shared("RAW", "LR_x4", "barbara.png"));
        Assert.Equal(13992631612100509881UL, frame.Metadata.Noise!.Seed);
    }

    [Fact]
    public void WriteThenRead_RoundTripsCodesAndEverySidecarField()
    {
        string source = RawFixtures.Path("crop_baboon_x2.png");
        RawFrame original = RawProtocolFile.Read(source);
        string folder = TestPaths.NewTempFolder();
        string target = Path.Combine(folder, "copy.png");

        RawProtocolFile.Write(target, original);
        RawFrame copy = RawProtocolFile.Read(target);

        Assert.Equal(original.Mosaic.Data.ToArray(), copy.Mosaic.Data.ToArray());
        Assert.Equal(original.Pattern, copy.Pattern);
        Assert.Equal(original.Metadata with { AdditionalFields = null }, copy.Metadata with { AdditionalFields = null });
        Assert.Equal("Set14/RAW/LR_x2/baboon.png", copy.Metadata.AdditionalFields!["fixture_crop_of"].GetString());
        Assert.Empty(Directory.GetFiles(folder, "*.tmp"));
        Assert.Equal(2, Directory.GetFiles(folder).Length);
    }

    [Fact]
    public void Write_QuantisesHalfUpAndClipsToTheBitDepth()
    {
        var mosaic = PlanarImage.Wrap(new float[] { -0.5f, 0f, 0.1f, 1f, 1.5f, 0.3f, 0.25f, 0.75f }, 1, 2, 4);
        var frame = new RawFrame(mosaic, CfaPattern.Bggr, new RawMetadata { RgbToCam = ColorMatrix3x3.Identity });
        string path = Path.Combine(TestPaths.NewTempFolder(), "q.png");

        RawProtocolFile.Write(path, frame);

        Gray16Image codes = Png16.Read16BitGray(path);
        Assert.Equal(new ushort[] { 0, 0, 6554, 65535, 65535, 19661, 16384, 49151 }, codes.Pixels);
        Assert.Equal(CfaPattern.Bggr, RawProtocolFile.Read(path).Pattern);
    }

    [Fact]
    public void Read_MissingSidecar_ThrowsFileNotFoundNamingIt()
    {
        string folder = TestPaths.NewTempFolder();
        string png = Path.Combine(folder, "lonely.png");
        File.Copy(RawFixtures.Path("crop_baboon_x2.png"), png);

        var e = Assert.Throws<FileNotFoundException>(() => RawProtocolFile.Read(png));
        Assert.Contains("lonely.png.json", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MissingPng_ThrowsFileNotFound()
    {
        Assert.Throws<FileNotFoundException>(() => RawProtocolFile.Read(Path.Combine(TestPaths.NewTempFolder(), "none.png")));
    }

    [Fact]
    public void Read_GarbagePng_ThrowsImageFormatException()
    {
        string png = CopyFixtureWithPng(File.ReadAllBytes(RawFixtures.Path("crop_baboon_x2.png"))[..40]);
        var e = Assert.Throws<ImageFormatException>(() => RawProtocolFile.Read(png));
        Assert.Contains("header is invalid", e.Message, StringComparison.Ordinal);
        Assert.Equal(png, e.Path);
    }

    [Fact]
    public void Read_EightBitRgbPng_IsRefusedAsNotA16BitMosaic()
    {
        string png = CopyFixtureWithPng([]);
        ImageFile.WritePng(png, new PlanarImage(3, 32, 48));
        var e = Assert.Throws<ImageFormatException>(() => RawProtocolFile.Read(png));
        Assert.Contains("expected a 1-channel 16-bit PNG", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"cfa_pattern\": \"RGGB\"", "\"cfa_pattern\": \"XTRANS\"", "XTRANS")]
    [InlineData("\"lr_size\": [\n  32", "\"lr_size\": [\n  30", "says 30x48")]
    [InlineData("\"white_level\": 65535", "\"white_level\": 0", "black < white")]
    [InlineData("\"cam2rgb\"", "\"cam2rgbX\"", "'cam2rgb'")]
    [InlineData("{", "[", "not valid JSON")]
    public void Read_BrokenSidecar_ThrowsInvalidDataWithTheReason(string find, string replace, string expected)
    {
        string png = CopyFixtureWithPng(File.ReadAllBytes(RawFixtures.Path("crop_baboon_x2.png")));
        string sidecar = RawProtocolFile.SidecarPath(png);
        string json = File.ReadAllText(sidecar);
        Assert.Contains(find, json, StringComparison.Ordinal);
        int at = json.IndexOf(find, StringComparison.Ordinal);
        File.WriteAllText(sidecar, json[..at] + replace + json[(at + find.Length)..]);

        var e = Assert.ThrowsAny<Exception>(() => RawProtocolFile.Read(png));
        Assert.IsType<InvalidDataException>(e);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    private static string CopyFixtureWithPng(byte[] pngBytes)
    {
        string folder = TestPaths.NewTempFolder();
        string png = Path.Combine(folder, "f.png");
        File.WriteAllBytes(png, pngBytes);
        File.Copy(RawFixtures.Path("crop_baboon_x2.png.json"), RawProtocolFile.SidecarPath(png));
        return png;
    }
}
