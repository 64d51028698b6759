using System.Numerics.Tensors;
using Downscale.Core.Imaging;
using Downscale.Onnx.Export.Flavours;
using Downscale.Onnx.Runtime;
using Microsoft.ML.OnnxRuntime;

namespace Downscale.Onnx.Export;

/// <summary>
/// Static int8 quantisation of an exported downscaler (QDQ format, which ONNX Runtime fuses into QLinearConv):
/// activation ranges are calibrated by min/max over sample images, weights are int8 per output channel (see
/// docs/onnx.md). <see cref="FeatureExtractor"/> selects the shipped flavour: only ADK-Net's full-resolution feature
/// extractor (most of the compute) in int8, the kernel generators in float, which keeps the PSNR.
/// </summary>
public static class OnnxInt8Quantizer
{
    /// <summary>The convs of ADK-Net's full-resolution feature extractor (weight names under <c>feature_extractor.</c>).</summary>
    public static Func<string, bool> FeatureExtractor { get; } = name => name.StartsWith("feature_extractor.", StringComparison.Ordinal);

    /// <summary>Metadata key recording which convs a quantised model holds in int8.</summary>
    public const string QuantizationKey = "quantization";

    /// <summary>The quantised model.</summary>
    /// <param name="float32Model">A float32 model written by <see cref="AdkNetOnnxWriter"/>.</param>
    /// <param name="calibration">Images the model's input takes (C x H x W, H and W multiples of the scale), e.g. crops of the training set.</param>
    /// <param name="include">Which learned convs to quantise, by weight name; all when null.</param>
    /// <param name="options">Session options for the calibration runs; null for the defaults.</param>
    /// <exception cref="ArgumentException">No calibration image was given.</exception>
    public static byte[] Quantize(byte[] float32Model, IEnumerable<PlanarImage> calibration, Func<string, bool>? include = null, OnnxScoringOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(float32Model);
        ArgumentNullException.ThrowIfNull(calibration);
        var (calibrationModel, tensors) = Int8QdqFlavour.CalibrationModel(float32Model);
        var ranges = tensors.ToDictionary(t => t, _ => (Min: float.MaxValue, Max: float.MinValue), StringComparer.Ordinal);
        int images = 0;
        using (InferenceSession session = OnnxSessions.Open(calibrationModel, "calibration model", options ?? new OnnxScoringOptions()))
        {
            foreach (PlanarImage image in calibration)
            {
                using OrtValue input = image.ToOrtValue();
                using var runOptions = new RunOptions();
                using var outputs = session.Run(runOptions, [session.InputNames[0]], [input], [.. tensors]);
                for (int i = 0; i < tensors.Count; i++)
                {
                    ReadOnlySpan<float> values = outputs[i].GetTensorDataAsSpan<float>();
                    var (min, max) = ranges[tensors[i]];
                    ranges[tensors[i]] = (Math.Min(min, TensorPrimitives.Min(values)), Math.Max(max, TensorPrimitives.Max(values)));
                }

                images++;
            }
        }

        if (images == 0)
        {
            throw new ArgumentException("Quantisation needs at least one calibration image.", nameof(calibration));
        }

        return Int8QdqFlavour.Quantize(float32Model, ranges, include, include == FeatureExtractor ? "int8-qdq:feature_extractor" : include is null ? "int8-qdq:all" : "int8-qdq:partial");
    }

    /// <summary>
    /// <paramref name="count"/> seeded square crops of side <paramref name="size"/> from <paramref name="files"/>
    /// (RGB images at least that large), read one at a time.
    /// </summary>
    public static IEnumerable<PlanarImage> CalibrationCrops(IReadOnlyList<string> files, int count = 16, int size = 128, int seed = 13)
    {
        ArgumentNullException.ThrowIfNull(files);
        if (files.Count == 0)
        {
            throw new ArgumentException("No calibration image files were given.", nameof(files));
        }

        var random = new Random(seed);
        for (int i = 0; i < count; i++)
        {
            PlanarImage image = ImageFile.Read(files[random.Next(files.Count)]);
            if (image.Height < size || image.Width < size)
            {
                throw new ArgumentException($"Calibration images must be at least {size}x{size}; one is {image.Width}x{image.Height}.", nameof(files));
            }

            int top = random.Next(image.Height - size + 1), left = random.Next(image.Width - size + 1);
            var crop = new PlanarImage(image.Channels, size, size);
            for (int c = 0; c < image.Channels; c++)
            {
                for (int y = 0; y < size; y++)
                {
                    image.Row(c, top + y).Slice(left, size).CopyTo(crop.Row(c, y));
                }
            }

            yield return crop;
        }
    }
}
