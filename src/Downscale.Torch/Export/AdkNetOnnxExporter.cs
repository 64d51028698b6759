using System.Globalization;
using Downscale.Onnx;
using Downscale.Onnx.Export;
using Downscale.Torch.Models.AdkNet;
using static TorchSharp.torch;

namespace Downscale.Torch.Export;

/// <summary>
/// Exports a trained ADK-Net to ONNX (opset 17, dynamic batch, height and width), so it scores through ONNX Runtime or
/// OpenCV's DNN module without TorchSharp. The module tree is checked first (<see cref="AdkNetModuleWalker"/>): a
/// module the exporter cannot express is refused by name, and nothing is written. Files are written atomically.
/// </summary>
public static class AdkNetOnnxExporter
{
    /// <summary>Exports <paramref name="model"/> to <paramref name="path"/>.</summary>
    /// <param name="model">An <see cref="AdkNet"/> (any variant); other modules are refused.</param>
    /// <param name="path">The .onnx file to write (atomically).</param>
    /// <param name="trainingProtocol">The data protocol the weights were trained on (<c>camsim</c>, <c>bicubic</c>), recorded in the metadata; null for <c>unknown</c>.</param>
    /// <exception cref="OnnxExportException">The model holds a module the exporter cannot express (the message names it).</exception>
    public static void Export(nn.Module model, string path, string? trainingProtocol = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var (spec, weights, metadata) = Prepare(model, trainingProtocol);
        AdkNetOnnxWriter.Write(path, spec, weights, metadata);
    }

    /// <summary>The ONNX model of <paramref name="model"/> as bytes.</summary>
    /// <inheritdoc cref="Export(nn.Module, string, string?)" />
    public static byte[] Serialize(nn.Module model, string? trainingProtocol = null)
    {
        var (spec, weights, metadata) = Prepare(model, trainingProtocol);
        return AdkNetOnnxWriter.Serialize(spec, weights, metadata);
    }

    /// <summary>Exports the ADK-Net weights file <paramref name="weightsPath"/> (safetensors with architecture metadata) to <paramref name="onnxPath"/>.</summary>
    /// <param name="weightsPath">A file written by <see cref="AdkNet.Save"/> or the trainer.</param>
    /// <param name="onnxPath">The .onnx file to write (atomically).</param>
    /// <param name="trainingProtocol">The training protocol to record; null for <c>unknown</c>.</param>
    /// <exception cref="FileNotFoundException">The weights file does not exist.</exception>
    /// <exception cref="Safetensors.SafetensorsFormatException">The weights file is not a valid ADK-Net file.</exception>
    public static void Export(string weightsPath, string onnxPath, string? trainingProtocol = null)
    {
        using AdkNet model = AdkNet.Load(weightsPath);
        Export(model, onnxPath, trainingProtocol);
    }

    private static (AdkNetGraphSpec Spec, List<ExportTensor> Weights, Dictionary<string, string> Metadata) Prepare(nn.Module model, string? trainingProtocol)
    {
        AdkNetGraphSpec spec = AdkNetModuleWalker.Describe(model);
        var adkNet = (AdkNet)model;
        var metadata = new Dictionary<string, string>(adkNet.Options.ToMetadata(), StringComparer.Ordinal)
        {
            [OnnxDownscalerContract.TrainingProtocolKey] = string.IsNullOrWhiteSpace(trainingProtocol) ? "unknown" : trainingProtocol,
            [OnnxDownscalerContract.ReceptiveFieldKey] = adkNet.ReceptiveFieldRadius.ToString(CultureInfo.InvariantCulture),
        };
        return (spec, StateDictExport.Float32(model), metadata);
    }
}
