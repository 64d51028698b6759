using System.Text.Json;
using Downscale.Core.Raw;
using Downscale.Tests;

namespace Downscale.Core.Tests.Raw;

public class CameraRawFileTests
{
    [Theory]
    [InlineData("dng_bggr")]
    [InlineData("dng_grbg_site_black")]
    public void Read_FixtureDng_GivesTheWrittenMosaicLevelsPatternAndColour(string name)
    {
        JsonElement entry = RawFixtures.Entry(name);
        float[] expected = RawFixtures.Floats(entry.GetProperty("expected_mosaic"));

        RawFrame frame = CameraRawFile.Read(RawFixtures.Path(entry.GetProperty("file").GetString()!));

        Assert.Equal(CfaPatterns.Parse(entry.GetProperty("pattern").GetString()!), frame.Pattern);
        Assert.Equal((entry.GetProperty("height").GetInt32(), entry.GetProperty("width").GetInt32()), (frame.Height, frame.Width));
        float[] actual = frame.Mosaic.Data.ToArray();
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-6f, $"pixel {i}: expected {expected[i]}, got {actual[i]}");
        }

        RawMetadata m = frame.Metadata;
        Assert.Equal(entry.GetProperty("black_level_mean").GetDouble(), m.BlackLevel);
        Assert.Equal(entry.GetProperty("white_level").GetDouble(), m.WhiteLevel);
        // LibRaw keeps multipliers in float32 and rounds the DNG rationals: 1e-4 relative.
        Assert.Equal(entry.GetProperty("wb_red").GetDouble(), m.WhiteBalance.Red, 1e-4 * m.WhiteBalance.Red);
        Assert.Equal(entry.GetProperty("wb_blue").GetDouble(), m.WhiteBalance.Blue, 1e-4 * m.WhiteBalance.Blue);
        Assert.Equal(1.0, m.WhiteBalance.Green);
        double[][] cam2rgb = entry.GetProperty("cam2rgb").Deserialize<double[][]>()!;
        Assert.True(m.CamToRgb.ApproximatelyEquals(ColorMatrix3x3.FromRows(cam2rgb), 2e-4), $"cam2rgb {m.CamToRgb}");
        Assert.True(m.RgbToCam!.Multiply(m.CamToRgb).ApproximatelyEquals(ColorMatrix3x3.Identity, 1e-9));
        Assert.Equal("camera", m.Kind);
        Assert.StartsWith("LibRaw 0.", m.Generator, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_FixtureDng_DevelopsThroughTheIsp()
    {
        RawFrame frame = CameraRawFile.Read(RawFixtures.Path("dng_bggr.dng"));
        var srgb = ForwardIsp.Develop(frame);
        Assert.Equal((3, 24, 32), (srgb.Channels, srgb.Height, srgb.Width));
        Assert.Contains(srgb.Data.ToArray(), v => v > 0 && v < 1);
    }

    [Fact]
    public void Load_MissingLibrary_ThrowsUnavailableWithInstallHint()
    {
        var e = Assert.Throws<RawDecoderUnavailableException>(() => LibRawApi.Load(["libraw_missing_for_tests.so.99", "no_such_raw_lib"]));
        Assert.Contains("apt-get install libraw20 / libraw-dev", e.Message, StringComparison.Ordinal);
        Assert.Contains("libraw_missing_for_tests.so.99", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_LibraryThatIsNotLibRaw_ThrowsUnavailableNamingTheMissingFunction()
    {
        // libc loads, but exports no LibRaw function.
        var e = Assert.Throws<RawDecoderUnavailableException>(() => LibRawApi.Load(["libc.so.6"]));
        Assert.Contains("lacks the function 'libraw_init'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_WithAWrongLayout_RefusesInsteadOfReadingGarbage()
    {
        LibRawLayout wrong = LibRawLayout.V0_20 with { ColorMaximum = LibRawLayout.V0_20.ColorMaximum + 4 };
        var decoder = new LibRawDecoder(LibRawApi.Default, wrong);
        var e = Assert.Throws<RawDecoderUnavailableException>(() => decoder.Decode(RawFixtures.Path("dng_bggr.dng")));
        Assert.Contains("layout differs", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_DefaultLibrary_IsAvailableHere()
    {
        Assert.True(CameraRawFile.IsAvailable);
        Assert.Matches(@"^libraw(_r)?\.so", LibRawApi.Default.LibraryName);
    }

    [Fact]
    public void Read_Garbage_ThrowsDecodeExceptionWithUnsupportedCode()
    {
        string path = Write("garbage.raw", Enumerable.Range(0, 4096).Select(i => (byte)((i * 7919) ^ (i >> 3))).ToArray());
        var e = Assert.Throws<CameraRawDecodeException>(() => CameraRawFile.Read(path));
        Assert.Equal(LibRawError.FileUnsupported, e.ErrorCode);
        Assert.Contains("not a camera RAW or DNG file", e.Message, StringComparison.Ordinal);
        Assert.Equal(path, e.Path);
    }

    [Fact]
    public void Read_PngFile_IsNotARawFile()
    {
        var e = Assert.Throws<CameraRawDecodeException>(() => CameraRawFile.Read(RawFixtures.Path("crop_baboon_x2.png")));
        Assert.Equal(LibRawError.FileUnsupported, e.ErrorCode);
    }

    [Theory]
    [InlineData(6)]
    [InlineData(300)]
    public void Read_TruncatedTiffHeader_ThrowsDecodeException(int keptBytes)
    {
        byte[] dng = File.ReadAllBytes(RawFixtures.Path("dng_bggr.dng"));
        string path = Write("header.dng", dng[..keptBytes]);
        var e = Assert.Throws<CameraRawDecodeException>(() => CameraRawFile.Read(path));
        Assert.NotEqual(LibRawError.Success, e.ErrorCode);
    }

    [Fact]
    public void Read_TruncatedSensorData_ThrowsCorruptOrTruncated()
    {
        byte[] dng = File.ReadAllBytes(RawFixtures.Path("dng_bggr.dng"));
        string path = Write("cut.dng", dng[..^100]);
        var e = Assert.Throws<CameraRawDecodeException>(() => CameraRawFile.Read(path));
        Assert.Contains("corrupt or truncated", e.Message, StringComparison.Ordinal);
        Assert.Contains("unexpected end of file", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_EmptyFile_ThrowsBeforeNativeCode()
    {
        string path = Write("empty.dng", []);
        var e = Assert.Throws<CameraRawDecodeException>(() => CameraRawFile.Read(path));
        Assert.Contains("is empty", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MissingFile_ThrowsFileNotFound()
    {
        Assert.Throws<FileNotFoundException>(() => CameraRawFile.Read(Path.Combine(TestPaths.NewTempFolder(), "none.dng")));
        Assert.Throws<FileNotFoundException>(() => CameraRawFile.Read(TestPaths.NewTempFolder()));
    }

    private static string Write(string name, byte[] bytes)
    {
        string path = Path.Combine(TestPaths.NewTempFolder(), name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
