using Downscale.Onnx.Export;
using static TorchSharp.torch;

namespace Downscale.Torch.Export;

/// <summary>
/// Exports a plain TorchSharp <c>nn.Sequential</c> (a small classifier: Conv2d, ReLU, MaxPool2d, AvgPool2d,
/// AdaptiveAvgPool2d(1), Flatten, Linear, Softmax) to ONNX (opset 17), for example for ML.NET's <c>ApplyOnnxModel</c>.
/// The module tree is checked first (<see cref="SequentialModuleWalker"/>): a module the exporter cannot express is
/// refused by name, and nothing is written. Files are written atomically.
/// </summary>
public static class SequentialOnnxExporter
{
    /// <summary>Exports <paramref name="model"/> to <paramref name="path"/>.</summary>
    /// <param name="model">An <c>nn.Sequential</c> (nested ones are flattened in order).</param>
    /// <param name="path">The .onnx file to write (atomically).</param>
    /// <param name="inputShape">The input's dimensions ([N, C, H, W] or [N, F]); -1 for a symbolic one (the batch).</param>
    /// <param name="inputName">The graph input's name.</param>
    /// <param name="outputName">The graph output's name.</param>
    /// <exception cref="OnnxExportException">The model holds a module the exporter cannot express, or a layer does not fit its input (the message names it).</exception>
    public static void Export(nn.Module model, string path, long[] inputShape, string inputName = "input", string outputName = "output")
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        SequentialOnnxWriter.Write(path, SequentialModuleWalker.Describe(model), inputShape, inputName, outputName);
    }

    /// <summary>The ONNX model of <paramref name="model"/> as bytes.</summary>
    /// <inheritdoc cref="Export" />
    public static byte[] Serialize(nn.Module model, long[] inputShape, string inputName = "input", string outputName = "output") =>
        SequentialOnnxWriter.Serialize(SequentialModuleWalker.Describe(model), inputShape, inputName, outputName);
}
