using Downscale.Core.Imaging;
using Downscale.Core.Metrics;
using Downscale.Core.Tiling;
using Downscale.Onnx.Export;
using Downscale.Onnx.Export.Flavours;
using Downscale.Onnx.Runtime;

namespace Downscale.Bench;

/// <summary>
/// Makes the faster-flavour candidates of an exported ADK-Net for <see cref="OnnxSuite"/> (float16, and int8 QDQ
/// calibrated on SunHays80 crops, the training images) and scores each one's PSNR on the bundled Set5 samples.
/// </summary>
internal static class OnnxFlavourBuilder
{
    /// <summary>The float16 model, written next to the others.</summary>
    public static string Float16(string float32Path, string folder)
    {
        string path = Path.Combine(folder, "adknet-x4-fp16.onnx");
        File.WriteAllBytes(path, Float16Flavour.Convert(File.ReadAllBytes(float32Path)));
        return path;
    }

    /// <summary>The int8 QDQ model, its activation ranges calibrated by min/max over SunHays80 crops (the training images).</summary>
    /// <param name="float32Path">The float model.</param>
    /// <param name="folder">Where to write the flavour.</param>
    /// <param name="threads">Intra-op threads for the calibration runs.</param>
    /// <param name="prefix">Quantise only the convs whose weights start with this (e.g. <c>feature_extractor.</c>); all when null.</param>
    public static string Int8(string float32Path, string folder, int threads, string? prefix = null)
    {
        string images = Path.Combine(RepoPaths.Root, "..", "shared", "data", "SunHays80", "HR");
        string[] files = [.. Directory.GetFiles(images, "*.png").Order(StringComparer.Ordinal)];
        byte[] quantized = OnnxInt8Quantizer.Quantize(File.ReadAllBytes(float32Path), OnnxInt8Quantizer.CalibrationCrops(files),
            prefix is null ? null : name => name.StartsWith(prefix, StringComparison.Ordinal), new OnnxScoringOptions { IntraOpThreads = threads });
        string path = Path.Combine(folder, prefix is null ? "adknet-x4-int8-qdq.onnx" : $"adknet-x4-int8-qdq-{prefix.TrimEnd('.')}.onnx");
        File.WriteAllBytes(path, quantized);
        return path;
    }

    /// <summary>Mean RGB PSNR (border 4) on the bundled Set5 against the camsim x4 ground truth, or the reason the model did not run.</summary>
    public static (double? Psnr, string? Error) Set5Psnr(string model, int threads)
    {
        try
        {
            using OnnxDownscaler downscaler = OnnxDownscaler.Load(model, new OnnxScoringOptions { IntraOpThreads = threads });
            string set5 = Path.Combine(RepoPaths.Root, "src", "Downscale.Cli", "samples", "Set5");
            var psnr = new List<double>();
            foreach (string hrPath in Directory.GetFiles(Path.Combine(set5, "HR"), "*.png").Order(StringComparer.Ordinal))
            {
                PlanarImage lr = downscaler.Downscale(ImageFile.Read(hrPath), new TilingOptions { SizePolicy = SizePolicy.Crop });
                PlanarImage truth = ImageFile.Read(Path.Combine(set5, "LR_camsim_x4", Path.GetFileName(hrPath)));
                psnr.Add(Fidelity.Compute(lr, truth, new QualityOptions { CropBorder = 4 }).PsnrRgb);
            }

            return (psnr.Average(), null);
        }
        catch (OnnxModelFormatException e)
        {
            return (null, e.Message);
        }
    }
}
