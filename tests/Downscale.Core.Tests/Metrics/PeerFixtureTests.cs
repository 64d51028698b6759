using System.Text.Json;
using Downscale.Core.Imaging;
using Downscale.Core.Metrics;
using Downscale.Tests;

namespace Downscale.Core.Tests.Metrics;

/// <summary>
/// Our scores against skimage 0.19 / OpenCV 4.6 / numpy on every Set14 LR pair (camsim against bicubic, x2, x3, x4),
/// from tests/fixtures/metrics/set14_lr_pairs.json (tools/fixtures/make_metric_fixtures.py).
/// </summary>
public class PeerFixtureTests
{
    private const double PsnrToleranceDb = 1e-6;
    private const double SsimTolerance = 1e-9;

    public static TheoryData<string> PairNames()
    {
        var data = new TheoryData<string>();
        foreach (PeerScores pair in LoadFixture())
        {
            data.Add(pair.Prediction);
        }

        return data;
    }

    [Fact]
    public void Fixture_CoversEverySet14StemAtEveryScale()
    {
        List<PeerScores> pairs = LoadFixture();
        int stems = Directory.GetFiles(Path.Combine(TestPaths.SharedData, "Set14", "HR"), "*.png").Length;
        Assert.Equal(14, stems);
        Assert.Equal(stems * 3, pairs.Count);
    }

    [Theory]
    [MemberData(nameof(PairNames))]
    public void Fidelity_MatchesSkimageAndBasicSR(string prediction)
    {
        PeerScores peer = LoadFixture().Single(p => p.Prediction == prediction);
        PlanarImage a = ImageFile.Read(Path.Combine(TestPaths.SharedData, peer.Prediction));
        PlanarImage b = ImageFile.Read(Path.Combine(TestPaths.SharedData, peer.Target));
        var options = new QualityOptions { CropBorder = peer.CropBorder };

        FidelityScores scores = Fidelity.Compute(a, b, options);

        Assert.Equal(peer.PsnrRgb, scores.PsnrRgb, PsnrToleranceDb);
        Assert.Equal(peer.PsnrY, scores.PsnrY, PsnrToleranceDb);
        Assert.Equal(peer.SsimRgbSkimage, scores.SsimRgb, SsimTolerance);
        Assert.Equal(peer.SsimYSkimage, scores.SsimY, SsimTolerance);
        Assert.Equal(peer.SsimRgbBasicSR, scores.SsimRgb, SsimTolerance);
        Assert.Equal(peer.SsimYBasicSR, scores.SsimY, SsimTolerance);
    }

    [Theory]
    [MemberData(nameof(PairNames))]
    public void PsnrAndSsim_PerChannel_MatchPeers(string prediction)
    {
        PeerScores peer = LoadFixture().Single(p => p.Prediction == prediction);
        PlanarImage a = ImageFile.Read(Path.Combine(TestPaths.SharedData, peer.Prediction));
        PlanarImage b = ImageFile.Read(Path.Combine(TestPaths.SharedData, peer.Target));
        var rgb = new QualityOptions { CropBorder = peer.CropBorder, Channel = QualityChannel.Rgb };
        var y = rgb with { Channel = QualityChannel.Y };

        Assert.Equal(peer.PsnrRgb, Psnr.Compute(a, b, rgb), PsnrToleranceDb);
        Assert.Equal(peer.PsnrY, Psnr.Compute(a, b, y), PsnrToleranceDb);
        Assert.Equal(peer.SsimRgbSkimage, Ssim.Compute(a, b, rgb), SsimTolerance);
        Assert.Equal(peer.SsimYSkimage, Ssim.Compute(a, b, y), SsimTolerance);
    }

    private static List<PeerScores> LoadFixture()
    {
        using FileStream stream = File.OpenRead(TestPaths.Fixture("metrics", "set14_lr_pairs.json"));
        using JsonDocument document = JsonDocument.Parse(stream);
        return document.RootElement.GetProperty("pairs").EnumerateArray().Select(e => new PeerScores(
            e.GetProperty("prediction").GetString()!,
            e.GetProperty("target").GetString()!,
            e.GetProperty("crop_border").GetInt32(),
            e.GetProperty("psnr_rgb").GetDouble(),
            e.GetProperty("psnr_y").GetDouble(),
            e.GetProperty("ssim_rgb_skimage").GetDouble(),
            e.GetProperty("ssim_y_skimage").GetDouble(),
            e.GetProperty("ssim_rgb_basicsr").GetDouble(),
            e.GetProperty("ssim_y_basicsr").GetDouble())).ToList();
    }

    private sealed record PeerScores(
        string Prediction, string Target, int CropBorder, double PsnrRgb, double PsnrY,
        double SsimRgbSkimage, double SsimYSkimage, double SsimRgbBasicSR, double SsimYBasicSR);
}
