using Microsoft.ML.OnnxRuntime;
using static TorchSharp.torch;

namespace Downscale.Torch.Tests.Export;

/// <summary>Runs an exported model through a plain ONNX Runtime session on a tensor of any batch, and compares outputs.</summary>
internal static class OrtReference
{
    /// <summary>The model's output for <paramref name="input"/> (N, C, H, W) as a CPU float tensor (the caller disposes).</summary>
    public static Tensor Run(byte[] model, Tensor input)
    {
        using var session = new InferenceSession(model);
        float[] data = input.contiguous().data<float>().ToArray();
        using OrtValue value = OrtValue.CreateTensorValueFromMemory(data, input.shape);
        using var outputs = session.Run(new RunOptions(), [session.InputNames[0]], [value], [session.OutputNames[0]]);
        OrtValue output = outputs[0];
        return tensor(output.GetTensorDataAsSpan<float>().ToArray(), output.GetTensorTypeAndShape().Shape);
    }

    /// <summary>Max |a - b| over two tensors of one shape.</summary>
    public static double MaxAbs(Tensor a, Tensor b)
    {
        Assert.Equal(a.shape, b.shape);
        using Tensor difference = (a - b).abs().max();
        return difference.item<float>();
    }
}
