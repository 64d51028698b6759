using Downscale.Core.Imaging;
using Downscale.Core.Raw;
using Downscale.Onnx.Runtime;
using Downscale.Torch.Models.RawWavelet;

namespace Downscale.Cli;

/// <summary>
/// The RAW side of <c>downscale run</c>: reads camera files (LibRaw) or protocol RAW PNGs, downscales them by a
/// rational scale with the RAW wavelet model (TorchSharp, or its ONNX export through ONNX Runtime) or a RAW-domain
/// baseline, and writes the LR mosaic as a 16-bit PNG with
/// its JSON sidecar (the pairs-v1 <c>raw</c> layout, readable by <see cref="RawProtocolFile.Read"/>) plus an sRGB
/// preview through the fixed ISP.
/// </summary>
internal static class RawRun
{
    /// <summary>Extensions of camera RAW files that LibRaw reads (DNG and the common vendor formats).</summary>
    public static readonly string[] CameraExtensions =
        [".dng", ".cr2", ".cr3", ".nef", ".nrw", ".arw", ".srf", ".sr2", ".raf", ".orf", ".rw2", ".pef", ".srw", ".raw", ".3fr", ".iiq", ".rwl"];

    /// <summary>A camera file, or a PNG with a RAW sidecar (<c>.png.json</c>).</summary>
    public static bool IsRawInput(string path) =>
        CameraExtensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase)
        || (Path.GetExtension(path).Equals(".png", StringComparison.OrdinalIgnoreCase) && File.Exists(RawProtocolFile.SidecarPath(path)));

    /// <summary>Decodes a camera file through LibRaw or a protocol PNG with its sidecar; an odd-sized camera mosaic loses its last row or column.</summary>
    public static RawFrame Read(string path)
    {
        RawFrame frame = Path.GetExtension(path).Equals(".png", StringComparison.OrdinalIgnoreCase) ? RawProtocolFile.Read(path) : CameraRawFile.Read(path);
        int height = frame.Height & ~1, width = frame.Width & ~1;
        if (height == frame.Height && width == frame.Width)
        {
            return frame;
        }

        Console.Error.WriteLine($"note: '{path}' is {frame.Height}x{frame.Width}; its mosaic is cropped to {height}x{width} (whole 2x2 CFA blocks).");
        return new RawFrame(frame.Mosaic.Crop(0, 0, height, width), frame.Pattern, frame.Metadata with { HrSize = new FrameSize(height, width) });
    }

    /// <summary>
    /// The downscaler and its scale: RAW wavelet weights scored by TorchSharp (<paramref name="modelPath"/>), an exported
    /// RAW model scored by ONNX Runtime (<paramref name="onnxPath"/>), or a RAW baseline (<see cref="RawOptions.Baselines"/>)
    /// on the demosaicked frame at <paramref name="factor"/>. A model runs at its own scale; a different
    /// <paramref name="factor"/> is refused.
    /// </summary>
    /// <exception cref="ArgumentException">No scale for a baseline, an unknown baseline, weights that are not a RAW
    /// model, or a factor other than the model's.</exception>
    public static (Func<RawFrame, RawFrame> Downscale, RationalScale Scale) Downscaler(
        string? modelPath, string? onnxPath, string? method, double? factor, IList<IDisposable> owned)
    {
        if (onnxPath is not null)
        {
            var engine = RawOnnxDownscaler.Load(onnxPath);
            owned.Add(engine);
            return (hr => engine.Downscale(hr), OwnScale(engine.Scale, factor, onnxPath));
        }

        if (modelPath is not null)
        {
            if (!RawWaveletNet.IsWeightFile(modelPath))
            {
                throw new ArgumentException($"'{modelPath}' is not a RAW wavelet model; RAW input needs one (or --method {string.Join("|", RawOptions.Baselines.Keys)}).");
            }

            var model = RawWaveletNet.Load(modelPath);
            owned.Add(model);
            return (hr => model.Downscale(hr), OwnScale(model.Scale, factor, modelPath));
        }

        RationalScale scale = factor is double f ? RationalScale.FromFactor(f) : throw new ArgumentException("--scale is required with --method (for example --scale 1.3).");
        var baseline = RawOptions.Baseline(method!, RawInterpolationDomain.Demosaicked);
        return (hr =>
        {
            RawDownscalePlan plan = RawDownscaleGeometry.Plan(new FrameSize(hr.Height, hr.Width), null, scale);
            return RawLrFrame.Create(hr, plan, baseline(hr, plan));
        }, scale);
    }

    /// <summary>Writes <c>&lt;stem&gt;.png</c> + <c>.png.json</c> (16-bit mosaic and sidecar) and <c>&lt;stem&gt;.preview.png</c> (sRGB), atomically.</summary>
    public static void Write(string folder, string stem, RawFrame lr)
    {
        RawProtocolFile.Write(Path.Combine(folder, stem + ".png"), lr);
        ImageFile.WritePng(Path.Combine(folder, stem + ".preview.png"), ForwardIsp.Develop(lr));
    }

    private static RationalScale OwnScale(RationalScale own, double? factor, string path) =>
        factor is double f && RationalScale.FromFactor(f) != own
            ? throw new ArgumentException($"The RAW model '{path}' downscales by {own} ({own.Factor:0.###}), not {f}.")
            : own;
}
