using System.Globalization;

namespace Downscale.Models;

/// <summary>
/// Locates the trained models that ship with Downscale.MLNet: ADK-Net at x2, x3 and x4, trained on SunHays80 under the
/// <c>camsim</c> protocol (model card: docs/models/adknet.md), and the RAW wavelet downscaler at x1.3, x2 and x4,
/// trained on SunHays80's <c>raw</c> pairs (model card: docs/models/raw-wavelet.md). They are copied into a
/// <c>models/</c> folder next to the application.
/// </summary>
public static class ShippedModels
{
    /// <summary>The scales with a shipped ADK-Net.</summary>
    public static IReadOnlyList<int> AdkNetScales { get; } = [2, 3, 4];

    /// <summary>The scales with a shipped RAW wavelet model.</summary>
    public static IReadOnlyList<double> RawWaveletScales { get; } = [1.3, 2, 4];

    /// <summary>The folder that holds the shipped models.</summary>
    public static string Folder { get; } = Path.Combine(AppContext.BaseDirectory, "models");

    /// <summary>The shipped ADK-Net weights (safetensors, float16 storage) for a scale.</summary>
    /// <exception cref="ArgumentOutOfRangeException">No model ships for <paramref name="scale"/>.</exception>
    /// <exception cref="FileNotFoundException">The file is missing from the application folder.</exception>
    public static string AdkNet(int scale) => Existing(scale, ".safetensors");

    /// <summary>
    /// The shipped ADK-Net exported to ONNX (opset 17, written by <c>downscale export</c> from the safetensors weights
    /// of the same scale), for scoring through ONNX Runtime or OpenCV without TorchSharp: float32, or with
    /// <paramref name="quantized"/> the faster flavour whose learned convolutions are all int8 (docs/onnx.md).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">No model ships for <paramref name="scale"/>.</exception>
    /// <exception cref="FileNotFoundException">The file is missing from the application folder.</exception>
    public static string AdkNetOnnx(int scale, bool quantized = false) => Existing(scale, quantized ? "-int8.onnx" : ".onnx");

    /// <summary>The shipped RAW wavelet weights (safetensors, float16 storage) for a scale: 1.3, 2 or 4.</summary>
    /// <exception cref="ArgumentOutOfRangeException">No RAW model ships for <paramref name="scale"/>.</exception>
    /// <exception cref="FileNotFoundException">The file is missing from the application folder.</exception>
    public static string RawWavelet(double scale) => ExistingRaw(scale, ".safetensors");

    /// <summary>The file name of the shipped RAW wavelet model for a scale, with the given extension.</summary>
    public static string RawWaveletFileName(double scale, string extension) =>
        string.Create(CultureInfo.InvariantCulture, $"raw-wavelet-x{scale:0.###}-raw{extension}");

    /// <summary>The file name of the shipped ADK-Net for a scale, with the given extension.</summary>
    public static string AdkNetFileName(int scale, string extension) =>
        string.Create(CultureInfo.InvariantCulture, $"adknet-x{scale}-camsim{extension}");

    private static string Existing(int scale, string extension)
    {
        if (!AdkNetScales.Contains(scale))
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale, $"Shipped ADK-Net models exist for x{string.Join(", x", AdkNetScales)}; train one for other scales with 'downscale train'.");
        }

        return InFolder(AdkNetFileName(scale, extension));
    }

    private static string ExistingRaw(double scale, string extension)
    {
        if (!RawWaveletScales.Contains(scale))
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale, $"Shipped RAW wavelet models exist for x{string.Join(", x", RawWaveletScales)}; train one for other scales with 'downscale raw train'.");
        }

        return InFolder(RawWaveletFileName(scale, extension));
    }

    private static string InFolder(string fileName)
    {
        string path = Path.Combine(Folder, fileName);
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"The shipped model '{path}' is missing; rebuild the application or reinstall the tool.", path);
    }
}
