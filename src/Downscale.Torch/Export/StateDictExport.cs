using Downscale.Onnx.Export;
using TorchSharp;
using static TorchSharp.torch;

namespace Downscale.Torch.Export;

/// <summary>A module's state dict as the engine-neutral ONNX writers take it: float32 row-major arrays under their state-dict names.</summary>
internal static class StateDictExport
{
    /// <summary>Every state-dict entry of <paramref name="model"/>, widened or narrowed to float32, on the CPU.</summary>
    public static List<ExportTensor> Float32(nn.Module model)
    {
        using var scope = NewDisposeScope();
        var tensors = new List<ExportTensor>();
        foreach (var (name, tensor) in model.state_dict())
        {
            using Tensor values = tensor.detach().to(ScalarType.Float32).cpu().contiguous();
            tensors.Add(new ExportTensor(name, values.shape, values.data<float>().ToArray()));
        }

        return tensors;
    }
}
