using Downscale.Core.Imaging;
using Downscale.Core.Metrics;
using Downscale.Core.Tiling;
using Downscale.Models;
using Downscale.Onnx;
using Downscale.Onnx.Runtime;
using Downscale.Tests;
using Downscale.Torch.Export;
using Downscale.Torch.Inference;
using Downscale.Torch.Models.AdkNet;
using Xunit.Abstractions;

namespace Downscale.Torch.Tests.Export;

/// <summary>
/// The shipped models, exported to ONNX and scored through ONNX Runtime, give what TorchSharp gives on the bundled
/// Set5 samples: within 1e-4 per pixel, and PSNR against the camsim ground truth within 0.01 dB.
/// </summary>
public class ShippedModelOnnxParityTests(ITestOutputHelper output)
{
    private static readonly string Samples = Path.Combine(TestPaths.RepoRoot, "src", "Downscale.Cli", "samples", "Set5");

    /// <summary>Every shipped scale whose weights are in the build output (x4 at least; x2 and x3 as they land).</summary>
    public static TheoryData<int> ShippedScales()
    {
        var scales = new TheoryData<int>();
        foreach (int scale in ShippedModels.AdkNetScales.Where(s => File.Exists(WeightsPath(s))))
        {
            scales.Add(scale);
        }

        return scales;
    }

    [Fact]
    public void TheX4Model_Ships()
    {
        Assert.Contains(4, ShippedModels.AdkNetScales);
        Assert.True(File.Exists(ShippedModels.AdkNet(4)));
    }

    [Theory]
    [MemberData(nameof(ShippedScales))]
    public void ShippedOnnxModel_IsTheExportOfTheShippedWeights(int scale)
    {
        string onnxPath = Path.Combine(ShippedModels.Folder, ShippedModels.AdkNetFileName(scale, ".onnx"));
        Assert.True(File.Exists(onnxPath), $"'{onnxPath}' is missing: export it with 'downscale export --model {ShippedModels.AdkNetFileName(scale, ".safetensors")} --protocol camsim'.");
        using AdkNet model = AdkNet.Load(WeightsPath(scale));
        using OnnxDownscaler shipped = OnnxDownscaler.Load(ShippedModels.AdkNetOnnx(scale));
        using OnnxDownscaler fresh = OnnxDownscaler.FromBytes(AdkNetOnnxExporter.Serialize(model, "camsim"), "fresh.onnx");

        Assert.Equal(fresh.Metadata[OnnxDownscalerContract.WeightsHashKey], shipped.Metadata[OnnxDownscalerContract.WeightsHashKey]);
        Assert.Equal("camsim", shipped.Metadata[OnnxDownscalerContract.TrainingProtocolKey]);
        Assert.Equal(scale, shipped.Scale);
    }

    [Theory]
    [MemberData(nameof(ShippedScales))]
    public void ShippedModel_OnSet5_OrtEqualsTorchSharp_AndScoresTheSamePsnr(int scale)
    {
        using AdkNet model = AdkNet.Load(WeightsPath(scale));
        using OnnxDownscaler onnx = OnnxDownscaler.Load(ShippedModels.AdkNetOnnx(scale));
        var tiling = new TilingOptions { SizePolicy = SizePolicy.Crop };
        var quality = new QualityOptions { CropBorder = scale };
        string int8Path = Path.Combine(ShippedModels.Folder, ShippedModels.AdkNetFileName(scale, "-int8.onnx"));
        using OnnxDownscaler? int8 = File.Exists(int8Path) ? OnnxDownscaler.Load(int8Path) : null;
        var drops = new List<double>();
        string[] names = [.. Directory.GetFiles(Path.Combine(Samples, "HR"), "*.png").Select(Path.GetFileName).Order(StringComparer.Ordinal)!];
        Assert.Equal(5, names.Length);

        foreach (string name in names)
        {
            PlanarImage hr = ImageFile.Read(Path.Combine(Samples, "HR", name));
            PlanarImage truth = ImageFile.Read(Path.Combine(Samples, $"LR_camsim_x{scale}", name));

            PlanarImage torch = AdkNetInference.Downscale(model, hr, tiling);
            PlanarImage ort = onnx.Downscale(hr, tiling);

            double difference = TestImages.MaxAbsDifference(torch, ort);
            Assert.True(difference < 1e-4, $"x{scale} {name}: max |ORT - TorchSharp| = {difference}");
            double torchPsnr = Fidelity.Compute(torch, truth, quality).PsnrRgb;
            double ortPsnr = Fidelity.Compute(ort, truth, quality).PsnrRgb;
            Assert.True(Math.Abs(torchPsnr - ortPsnr) < 0.01, $"x{scale} {name}: PSNR {torchPsnr:F4} dB (TorchSharp) vs {ortPsnr:F4} dB (ORT)");
            output.WriteLine($"x{scale} {name}: max |ORT - TorchSharp| = {difference:E2}, PSNR {torchPsnr:F4} dB (TorchSharp) vs {ortPsnr:F4} dB (ORT)");
            if (int8 is not null)
            {
                double int8Psnr = Fidelity.Compute(int8.Downscale(hr, tiling), truth, quality).PsnrRgb;
                drops.Add(torchPsnr - int8Psnr);
                output.WriteLine($"x{scale} {name}: int8 flavour PSNR {int8Psnr:F4} dB");
            }

            Assert.True(ortPsnr > 20, $"x{scale} {name}: PSNR {ortPsnr:F2} dB is not a working downscaler's");
        }

        if (int8 is not null)
        {
            // The shipping rule for a faster flavour: it loses less than 0.05 dB on the bundled samples.
            Assert.True(drops.Average() < 0.05, $"x{scale} int8 flavour loses {drops.Average():F3} dB on Set5");
            Assert.Equal("int8-qdq:all", int8.Metadata[Onnx.Export.OnnxInt8Quantizer.QuantizationKey]);
            Assert.Equal(onnx.Metadata[OnnxDownscalerContract.WeightsHashKey], int8.Metadata[OnnxDownscalerContract.WeightsHashKey]);
        }
    }

    private static string WeightsPath(int scale) => Path.Combine(ShippedModels.Folder, ShippedModels.AdkNetFileName(scale, ".safetensors"));
}
