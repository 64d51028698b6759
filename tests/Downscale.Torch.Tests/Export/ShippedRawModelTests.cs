using Downscale.Core.Raw;
using Downscale.Core.Resampling;
using Downscale.Models;
using Downscale.Onnx;
using Downscale.Onnx.Runtime;
using Downscale.Tests;
using Downscale.Torch.Export;
using Downscale.Torch.Models.RawWavelet;
using Xunit.Abstractions;

namespace Downscale.Torch.Tests.Export;

/// <summary>
/// The shipped RAW wavelet models: their ONNX files are the export of the shipped weights, ONNX Runtime gives what
/// TorchSharp gives on Set14 RAW frames, and they beat the best RAW-domain interpolation (antialiased bilinear on the
/// demosaicked frame, docs/models/raw-wavelet.md) on those frames, in the RAW domain and in sRGB after the fixed ISP.
/// </summary>
public class ShippedRawModelTests(ITestOutputHelper output)
{
    private static readonly string[] Frames = ["face", "foreman", "coastguard"];

    /// <summary>Every shipped RAW scale whose weights are in the build output.</summary>
    public static TheoryData<double> ShippedScales()
    {
        var scales = new TheoryData<double>();
        foreach (double scale in ShippedModels.RawWaveletScales.Where(s => File.Exists(WeightsPath(s))))
        {
            scales.Add(scale);
        }

        return scales;
    }

    [Fact]
    public void EveryAdvertisedScale_Ships() => Assert.All(ShippedModels.RawWaveletScales, scale => Assert.True(File.Exists(ShippedModels.RawWavelet(scale))));

    [Theory]
    [MemberData(nameof(ShippedScales))]
    public void ShippedOnnxModel_IsTheExportOfTheShippedWeights(double scale)
    {
        using RawWaveletNet model = RawWaveletNet.Load(WeightsPath(scale));
        using RawOnnxDownscaler shipped = RawOnnxDownscaler.Load(OnnxPath(scale));
        using RawOnnxDownscaler fresh = RawOnnxDownscaler.FromBytes(RawWaveletOnnxExporter.Serialize(model), "fresh.onnx");

        Assert.Equal(fresh.Metadata[OnnxDownscalerContract.WeightsHashKey], shipped.Metadata[OnnxDownscalerContract.WeightsHashKey]);
        Assert.Equal(RationalScale.FromFactor(scale), shipped.Scale);
    }

    [Theory]
    [MemberData(nameof(ShippedScales))]
    public void ShippedModel_OnSet14Raw_OrtEqualsTorchSharp_AndBeatsTheBestInterpolation(double scale)
    {
        RationalScale rational = RationalScale.FromFactor(scale);
        using RawWaveletNet model = RawWaveletNet.Load(WeightsPath(scale));
        using RawOnnxDownscaler onnx = RawOnnxDownscaler.Load(OnnxPath(scale));
        var pairs = PairsV1DataSetFrames(scale);
        var baselineOptions = new ResampleOptions { Convention = ResampleConvention.Pil };

        var modelScores = RawEvaluation.Mean(RawEvaluation.Evaluate(pairs, rational, (hr, plan) =>
        {
            RawFrame torch = model.Downscale(hr, plan.Lr), ort = onnx.Downscale(hr, plan.Lr);
            Assert.True(TestImages.MaxAbsDifference(torch.Mosaic, ort.Mosaic) <= 1e-4, "ONNX Runtime and TorchSharp differ by more than 1e-4");
            return ort.Mosaic;
        }));
        var baseline = RawEvaluation.Mean(RawEvaluation.Evaluate(pairs, rational, (hr, plan) =>
            RawInterpolation.Downscale(hr, plan, ResampleMethod.Bilinear, RawInterpolationDomain.Demosaicked, baselineOptions)));

        output.WriteLine($"x{scale}: model RAW {modelScores.RawPsnr:F3} dB, sRGB {modelScores.Srgb.PsnrRgb:F3} dB; " +
            $"bilinear-aa (demosaicked) RAW {baseline.RawPsnr:F3} dB, sRGB {baseline.Srgb.PsnrRgb:F3} dB");
        Assert.True(modelScores.Srgb.PsnrRgb > baseline.Srgb.PsnrRgb, "the shipped model should beat the best interpolation in sRGB");
        Assert.True(modelScores.RawPsnr > baseline.RawPsnr, "the shipped model should beat the best interpolation in the RAW domain");
    }

    private static IEnumerable<Core.Data.RawImagePair> PairsV1DataSetFrames(double scale) =>
        Core.Data.PairsV1DataSet.EnumerateRaw(Path.Combine(TestPaths.SharedData, "Set14"), scale).Where(p => Frames.Contains(p.Name));

    private static string WeightsPath(double scale) => Path.Combine(ShippedModels.Folder, ShippedModels.RawWaveletFileName(scale, ".safetensors"));

    private static string OnnxPath(double scale) => Path.Combine(ShippedModels.Folder, ShippedModels.RawWaveletFileName(scale, ".onnx"));
}
