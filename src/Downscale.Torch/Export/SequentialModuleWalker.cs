using Downscale.Onnx.Export;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Downscale.Torch.Export;

/// <summary>
/// Walks a TorchSharp <c>nn.Sequential</c> (nested ones included) and describes each module as a layer the sequential
/// ONNX writer expresses: <c>Conv2d</c> (zero padding), <c>ReLU</c>, <c>MaxPool2d</c>, <c>AvgPool2d</c>,
/// <c>AdaptiveAvgPool2d(1)</c>, <c>Flatten()</c>, <c>Linear</c> and <c>Softmax</c>. Any other module, or one of these in
/// a configuration without an ONNX form here, is refused with a message naming it.
/// </summary>
internal static class SequentialModuleWalker
{
    /// <summary>The layers of <paramref name="model"/> in order, with their weights copied out as float32.</summary>
    /// <exception cref="OnnxExportException">A module cannot be expressed; the message names it.</exception>
    public static List<SequentialLayer> Describe(nn.Module model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model is not Sequential sequential)
        {
            throw new OnnxExportException(
                $"Cannot export module '{model.GetName()}' ({model.GetType().Name}): the sequential exporter takes an nn.Sequential of Conv2d, ReLU, MaxPool2d, AvgPool2d, AdaptiveAvgPool2d(1), Flatten, Linear and Softmax.");
        }

        var layers = new List<SequentialLayer>();
        Walk(sequential, string.Empty, layers);
        return layers;
    }

    private static void Walk(Sequential sequential, string prefix, List<SequentialLayer> layers)
    {
        foreach ((string name, nn.Module child) in sequential.named_children())
        {
            string path = prefix.Length == 0 ? name : $"{prefix}.{name}";
            if (child is Sequential nested)
            {
                Walk(nested, path, layers);
            }
            else
            {
                layers.Add(Layer(path, child));
            }
        }
    }

    private static SequentialLayer Layer(string path, nn.Module module) => module switch
    {
        Conv2d conv => Convolution(path, conv),
        ReLU => new ReluLayer(path),
        MaxPool2d max => new PoolingLayer(
            path, Average: false, max.kernel_size, max.stride ?? max.kernel_size, max.padding ?? [0, 0], max.dilation ?? [1, 1], max.ceil_mode, CountIncludePad: false),
        AvgPool2d avg when avg.divisor_override is null => new PoolingLayer(
            path, Average: true, avg.kernel_size, avg.stride ?? avg.kernel_size, avg.padding ?? [0, 0], [1, 1], avg.ceil_mode, avg.count_include_pad),
        AdaptiveAvgPool2d adaptive when adaptive.output_size.All(s => s == 1) => new GlobalAveragePoolLayer(path),
        Flatten flatten when flatten.start_dim == 1 && flatten.end_dim == -1 => new FlattenLayer(path),
        Linear linear => new LinearLayer(path, Tensor(path + ".weight", linear.weight!), linear.bias is null ? null : Tensor(path + ".bias", linear.bias)),
        Softmax softmax => new SoftmaxLayer(path, softmax.dim),
        _ => throw Refuse(path, module),
    };

    private static ConvolutionLayer Convolution(string path, Conv2d conv)
    {
        if (conv.transposed || conv.padding_mode != PaddingModes.Zeros || conv.padding is null)
        {
            throw new OnnxExportException(
                $"Cannot export module '{path}' (Conv2d, padding [{string.Join(", ", conv.padding ?? [])}] {conv.padding_mode}{(conv.transposed ? ", transposed" : string.Empty)}): " +
                "the sequential exporter writes convolutions with explicit zero padding.");
        }

        return new ConvolutionLayer(
            path, Tensor(path + ".weight", conv.weight!), conv.bias is null ? null : Tensor(path + ".bias", conv.bias), conv.stride, conv.padding, conv.dilation, conv.groups);
    }

    private static OnnxExportException Refuse(string path, nn.Module module)
    {
        string detail = module switch
        {
            AvgPool2d => "AvgPool2d with divisor_override",
            AdaptiveAvgPool2d adaptive => $"AdaptiveAvgPool2d to [{string.Join(", ", adaptive.output_size)}]; only an output size of 1 (global average) has an ONNX form here",
            Flatten flatten => $"Flatten({flatten.start_dim}, {flatten.end_dim}); only Flatten(1, -1) has an ONNX form here",
            _ => module.GetType().Name,
        };
        return new OnnxExportException(
            $"Cannot export module '{path}' ({detail}): the sequential exporter writes Conv2d, ReLU, MaxPool2d, AvgPool2d, AdaptiveAvgPool2d(1), Flatten, Linear and Softmax only.");
    }

    private static ExportTensor Tensor(string name, Tensor parameter)
    {
        using Tensor values = parameter.detach().to(ScalarType.Float32).cpu().contiguous();
        return new ExportTensor(name, values.shape, values.data<float>().ToArray());
    }
}
