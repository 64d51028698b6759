using Downscale.Core.Imaging;
using Downscale.Core.Metrics;
using Downscale.Core.Tiling;
using Downscale.Onnx.Export.Flavours;
using Downscale.Onnx.Runtime;
using Microsoft.ML.OnnxRuntime;

namespace Downscale.Bench;

/// <summary>
/// Makes the faster-flavour candidates of an exported ADK-Net for <see cref="OnnxSuite"/> (float16, and int8 QDQ
/// calibrated on SunHays80 crops, the training images) and scores each one's PSNR on the bundled Set5 samples.
/// </summary>
internal static class OnnxFlavourBuilder
{
    /// <summary>Calibration: this many seeded crops of this side from the SunHays80 HR images.</summary>
    private const int CalibrationCrops = 16, CropSize = 128;

    /// <summary>The float16 model, written next to the others.</summary>
    public static string Float16(string float32Path, string folder)
    {
        string path = Path.Combine(folder, "adknet-x4-fp16.onnx");
        File.WriteAllBytes(path, Float16Flavour.Convert(File.ReadAllBytes(float32Path)));
        return path;
    }

    /// <summary>The int8 QDQ model, its activation ranges calibrated by min/max over SunHays80 crops.</summary>
    public static string Int8(string float32Path, string folder, int threads)
    {
        byte[] model = File.ReadAllBytes(float32Path);
        var (calibration, tensors) = Int8QdqFlavour.CalibrationModel(model);
        using SessionOptions options = OnnxSessions.CreateSessionOptions(new OnnxScoringOptions { IntraOpThreads = threads });
        using var session = new InferenceSession(calibration, options);
        var ranges = tensors.ToDictionary(t => t, _ => (Min: float.MaxValue, Max: float.MinValue), StringComparer.Ordinal);
        foreach (PlanarImage crop in CalibrationImages())
        {
            using OrtValue input = crop.ToOrtValue();
            using var runOptions = new RunOptions();
            using var outputs = session.Run(runOptions, [session.InputNames[0]], [input], [.. tensors]);
            for (int i = 0; i < tensors.Count; i++)
            {
                ReadOnlySpan<float> values = outputs[i].GetTensorDataAsSpan<float>();
                var (min, max) = ranges[tensors[i]];
                ranges[tensors[i]] = (Math.Min(min, System.Numerics.Tensors.TensorPrimitives.Min(values)), Math.Max(max, System.Numerics.Tensors.TensorPrimitives.Max(values)));
            }
        }

        string path = Path.Combine(folder, "adknet-x4-int8-qdq.onnx");
        File.WriteAllBytes(path, Int8QdqFlavour.Quantize(model, ranges));
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

    private static IEnumerable<PlanarImage> CalibrationImages()
    {
        string folder = Path.Combine(RepoPaths.Root, "..", "shared", "data", "SunHays80", "HR");
        string[] files = [.. Directory.GetFiles(folder, "*.png").Order(StringComparer.Ordinal)];
        var random = new Random(13);
        for (int i = 0; i < CalibrationCrops; i++)
        {
            PlanarImage image = ImageFile.Read(files[random.Next(files.Length)]);
            int top = random.Next(image.Height - CropSize + 1), left = random.Next(image.Width - CropSize + 1);
            var crop = new PlanarImage(3, CropSize, CropSize);
            for (int c = 0; c < 3; c++)
            {
                for (int y = 0; y < CropSize; y++)
                {
                    image.Row(c, top + y).Slice(left, CropSize).CopyTo(crop.Row(c, y));
                }
            }

            yield return crop;
        }
    }
}
