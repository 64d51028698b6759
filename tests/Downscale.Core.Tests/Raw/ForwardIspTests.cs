using System.Text.Json;
using Downscale.Core.Imaging;
using Downscale.Core.Raw;
using Xunit.Abstractions;

namespace Downscale.Core.Tests.Raw;

public class ForwardIspTests(ITestOutputHelper output)
{
    /// <summary>
    /// Floors for ISP(HR RAW) against HR sRGB, set under the measured values (min 20.77 dB on baboon, mean 26.70 dB;
    /// the numpy ISP measures the same). Only the bilinear demosaic loses detail: without the mosaic the round trip
    /// is exact (see <see cref="DevelopCameraRgb_OfTheUnprocessedHrScene_GivesBackTheHrImage"/>).
    /// </summary>
    private const double HrPsnrFloorDb = 20.0;

    private const double HrMeanPsnrFloorDb = 26.0;

    [Theory]
    [InlineData("RGGB")]
    [InlineData("BGGR")]
    [InlineData("GRBG")]
    [InlineData("GBRG")]
    public void Demosaic_MatchesScipyReflect101Reference(string patternName)
    {
        JsonElement entry = RawFixtures.Entry("demosaic");
        int[] shape = RawFixtures.Shape(entry.GetProperty("mosaic"));
        var mosaic = PlanarImage.Wrap(RawFixtures.Floats(entry.GetProperty("mosaic")), 1, shape[0], shape[1]);
        float[] expected = RawFixtures.Floats(entry.GetProperty(patternName));

        float[] actual = BilinearDemosaic.Demosaic(mosaic, CfaPatterns.Parse(patternName)).Data.ToArray();

        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-6f, $"element {i}: expected {expected[i]}, got {actual[i]}");
        }
    }

    [Fact]
    public void Demosaic_KeepsEachSiteOwnSampleAndAveragesTheOthers()
    {
        // A constant-per-colour mosaic demosaics to the constants everywhere, borders included (reflect-101).
        var scene = new PlanarImage(3, 6, 8);
        scene.Plane(0).Fill(0.2f);
        scene.Plane(1).Fill(0.5f);
        scene.Plane(2).Fill(0.9f);
        foreach (CfaPattern pattern in CfaPatterns.All)
        {
            PlanarImage rgb = BilinearDemosaic.Demosaic(BayerMosaic.FromRgb(scene, pattern), pattern);
            for (int i = 0; i < rgb.Data.Length; i++)
            {
                Assert.Equal(scene.Data.Span[i], rgb.Data.Span[i], 6);
            }
        }
    }

    [Theory]
    [InlineData("isp_lr_x2")]
    [InlineData("isp_hr")]
    public void Develop_FixtureCrop_MatchesNumpyIspWithinOneLevel(string name)
    {
        JsonElement entry = RawFixtures.Entry(name);
        int h = entry.GetProperty("height").GetInt32(), w = entry.GetProperty("width").GetInt32();
        ushort[] codes = RawFixtures.UShorts(entry.GetProperty("codes"));
        byte[] expected = RawFixtures.Bytes(entry.GetProperty("expected_srgb"));
        RawMetadata metadata = RawProtocolFile.Read(Path.Combine(Downscale.Tests.TestPaths.SharedData, entry.GetProperty("source").GetString()!)).Metadata;
        var mosaic = PlanarImage.Wrap(codes.Select(c => (float)(c / 65535.0)).ToArray(), 1, h, w);

        PlanarImage srgb = ForwardIsp.Develop(new RawFrame(mosaic, CfaPattern.Rggb, metadata));

        int exact = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            int level = (int)MathF.Round(srgb.Data.Span[i] * 255);
            Assert.True(Math.Abs(level - expected[i]) <= 1, $"element {i}: numpy {expected[i]}, ours {level}");
            exact += level == expected[i] ? 1 : 0;
        }

        output.WriteLine($"{name}: {exact}/{expected.Length} levels identical to numpy, the rest within 1");
        Assert.True(exact >= expected.Length * 0.999, $"only {exact}/{expected.Length} levels identical");
    }

    [Fact]
    public void Develop_OutputsExactEightBitLevels()
    {
        RawFrame frame = RawProtocolFile.Read(RawFixtures.Path("crop_baboon_x2.png"));
        PlanarImage srgb = ForwardIsp.Develop(frame);
        Assert.Equal((3, frame.Height, frame.Width), (srgb.Channels, srgb.Height, srgb.Width));
        Assert.All(srgb.Data.ToArray(), v => Assert.Equal(MathF.Round(v * 255) / 255, v));
    }

    [Fact]
    public void Develop_Set14HrRaw_IsCloseToTheHrSrgbImage()
    {
        var psnrs = new List<double>();
        foreach (string stem in RawFixtures.Set14Stems())
        {
            RawFrame raw = RawProtocolFile.Read(RawFixtures.Shared("RAW", "HR", stem + ".png"));
            PlanarImage reference = ImageFile.Read(RawFixtures.Shared("HR", stem + ".png"));
            double psnr = Psnr8Bit(ForwardIsp.Develop(raw), reference);
            output.WriteLine($"{stem,-12} ISP(HR RAW) vs HR: {psnr:F2} dB");
            psnrs.Add(psnr);
        }

        output.WriteLine($"mean {psnrs.Average():F2} dB, min {psnrs.Min():F2} dB over {psnrs.Count} images");
        Assert.Equal(14, psnrs.Count);
        Assert.All(psnrs, p => Assert.True(p > HrPsnrFloorDb, $"PSNR {p:F2} dB below the floor {HrPsnrFloorDb} dB"));
        Assert.True(psnrs.Average() > HrMeanPsnrFloorDb, $"mean PSNR {psnrs.Average():F2} dB below {HrMeanPsnrFloorDb} dB");
    }

    [Fact]
    public void DevelopCameraRgb_OfTheUnprocessedHrScene_GivesBackTheHrImage()
    {
        foreach (string stem in RawFixtures.Set14Stems())
        {
            RawMetadata metadata = RawProtocolFile.Read(RawFixtures.Shared("RAW", "HR", stem + ".png")).Metadata;
            PlanarImage hr = ImageFile.Read(RawFixtures.Shared("HR", stem + ".png"));

            PlanarImage scene = RawUnprocessing.ToCameraScene(hr, metadata.WhiteBalance, metadata.RgbToCam!);
            PlanarImage back = ForwardIsp.DevelopCameraRgb(scene, metadata.WhiteBalance, metadata.CamToRgb);

            double psnr = Psnr8Bit(back, hr);
            output.WriteLine($"{stem,-12} ISP(unprocess(HR)) without mosaic: {psnr:F2} dB");
            Assert.True(psnr > 60, $"{stem}: {psnr:F2} dB");
        }
    }

    [Fact]
    public void Develop_InvalidGains_Throw()
    {
        var mosaic = new PlanarImage(1, 4, 4);
        Assert.Throws<ArgumentException>(() => ForwardIsp.Develop(mosaic, CfaPattern.Rggb, new WhiteBalanceGains(0, 1, 1), ColorMatrix3x3.Identity));
    }

    [Fact]
    public void Develop_OddMosaic_Throws()
    {
        var e = Assert.Throws<ArgumentException>(
            () => ForwardIsp.Develop(new PlanarImage(1, 5, 4), CfaPattern.Rggb, WhiteBalanceGains.Neutral, ColorMatrix3x3.Identity));
        Assert.Contains("even", e.Message, StringComparison.Ordinal);
    }

    /// <summary>PSNR (peak 255) over all channels of two images of 8-bit levels k/255.</summary>
    internal static double Psnr8Bit(PlanarImage a, PlanarImage b)
    {
        Assert.True(a.SameShape(b), $"{a} vs {b}");
        ReadOnlySpan<float> x = a.Data.Span, y = b.Data.Span;
        double sum = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double d = Math.Round(x[i] * 255.0) - Math.Round(y[i] * 255.0);
            sum += d * d;
        }

        double mse = sum / x.Length;
        return mse == 0 ? double.PositiveInfinity : 10 * Math.Log10(255.0 * 255.0 / mse);
    }
}
