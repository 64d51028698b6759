using Downscale.Onnx.Export;
using Downscale.Onnx.Export.RawWavelet;
using Downscale.Torch.Models.RawWavelet;
using static TorchSharp.torch;

namespace Downscale.Torch.Export;

/// <summary>
/// Exports a RAW wavelet model (<see cref="RawWaveletNet"/>, any options: dense or separable merge, orthonormal or
/// average Haar, any identity path) to ONNX (opset 17, dynamic batch, height and width that are multiples of 2^K·m),
/// so it scores through ONNX Runtime without TorchSharp (<c>Downscale.Onnx.Runtime.RawOnnxDownscaler</c>). The module
/// tree is checked first (<see cref="RawWaveletModuleWalker"/>): a module the exporter cannot express is refused by
/// name, and nothing is written. Files are written atomically.
/// </summary>
public static class RawWaveletOnnxExporter
{
    /// <summary>Exports <paramref name="model"/> to <paramref name="path"/>.</summary>
    /// <param name="model">A <see cref="RawWaveletNet"/>; other modules are refused.</param>
    /// <param name="path">The .onnx file to write (atomically).</param>
    /// <exception cref="OnnxExportException">The model holds a module the exporter cannot express (the message names it).</exception>
    public static void Export(nn.Module model, string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var (spec, weights, metadata) = Prepare(model);
        RawWaveletOnnxWriter.Write(path, spec, weights, metadata);
    }

    /// <summary>The ONNX model of <paramref name="model"/> as bytes.</summary>
    /// <param name="model">A <see cref="RawWaveletNet"/>; other modules are refused.</param>
    /// <exception cref="OnnxExportException">The model holds a module the exporter cannot express (the message names it).</exception>
    public static byte[] Serialize(nn.Module model)
    {
        var (spec, weights, metadata) = Prepare(model);
        return RawWaveletOnnxWriter.Serialize(spec, weights, metadata);
    }

    /// <summary>Exports the RAW wavelet weight file <paramref name="weightsPath"/> (safetensors with <c>format = raw_wavelet</c>) to <paramref name="onnxPath"/>.</summary>
    /// <param name="weightsPath">A file written by <see cref="RawWaveletNet.Save"/>, the trainer or <c>tools/reference/raw_wavelet.py</c>.</param>
    /// <param name="onnxPath">The .onnx file to write (atomically).</param>
    /// <exception cref="FileNotFoundException">The weights file does not exist.</exception>
    /// <exception cref="Safetensors.SafetensorsFormatException">The weights file is not a RAW wavelet file.</exception>
    public static void Export(string weightsPath, string onnxPath)
    {
        using RawWaveletNet model = RawWaveletNet.Load(weightsPath);
        Export(model, onnxPath);
    }

    private static (RawWaveletGraphSpec Spec, List<ExportTensor> Weights, IReadOnlyDictionary<string, string> Metadata) Prepare(nn.Module model)
    {
        RawWaveletGraphSpec spec = RawWaveletModuleWalker.Describe(model);
        return (spec, StateDictExport.Float32(model), ((RawWaveletNet)model).Options.ToMetadata());
    }
}
