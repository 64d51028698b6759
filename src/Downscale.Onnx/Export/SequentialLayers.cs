namespace Downscale.Onnx.Export;

/// <summary>
/// One layer of a plain sequential network (a TorchSharp <c>nn.Sequential</c>) as the ONNX exporter needs it, restated
/// here because this assembly must not reference TorchSharp. <c>Downscale.Torch.Export.SequentialModuleWalker</c> fills
/// these from a model; tests may fill them by hand.
/// </summary>
/// <param name="Name">The module's path in the model (for example <c>features.0</c>), used in node names and messages.</param>
public abstract record SequentialLayer(string Name);

/// <summary>A 2-D convolution with zero padding (PyTorch's <c>Conv2d</c>, padding mode <c>zeros</c>).</summary>
/// <param name="Name">The module's path.</param>
/// <param name="Weight">[out, in / groups, kh, kw].</param>
/// <param name="Bias">[out], or null.</param>
/// <param name="Stride">[sh, sw].</param>
/// <param name="Padding">[ph, pw], the same on both sides.</param>
/// <param name="Dilation">[dh, dw].</param>
/// <param name="Groups">Groups of channels.</param>
public sealed record ConvolutionLayer(string Name, ExportTensor Weight, ExportTensor? Bias, long[] Stride, long[] Padding, long[] Dilation, long Groups) : SequentialLayer(Name);

/// <summary>The rectifier (<c>ReLU</c>).</summary>
/// <param name="Name">The module's path.</param>
public sealed record ReluLayer(string Name) : SequentialLayer(Name);

/// <summary>2-D max or average pooling (<c>MaxPool2d</c>, <c>AvgPool2d</c>).</summary>
/// <param name="Name">The module's path.</param>
/// <param name="Average">Average pooling; max pooling when false.</param>
/// <param name="Kernel">[kh, kw].</param>
/// <param name="Stride">[sh, sw].</param>
/// <param name="Padding">[ph, pw], the same on both sides.</param>
/// <param name="Dilation">[dh, dw] (max pooling only; 1 for average).</param>
/// <param name="CeilMode">Output sizes round up.</param>
/// <param name="CountIncludePad">Average pooling divides by the whole window, padding included.</param>
public sealed record PoolingLayer(string Name, bool Average, long[] Kernel, long[] Stride, long[] Padding, long[] Dilation, bool CeilMode, bool CountIncludePad) : SequentialLayer(Name);

/// <summary>Averages each channel over the whole plane (<c>AdaptiveAvgPool2d(1)</c>).</summary>
/// <param name="Name">The module's path.</param>
public sealed record GlobalAveragePoolLayer(string Name) : SequentialLayer(Name);

/// <summary>Flattens every dimension after the batch (<c>Flatten()</c>, start 1, end -1).</summary>
/// <param name="Name">The module's path.</param>
public sealed record FlattenLayer(string Name) : SequentialLayer(Name);

/// <summary>A fully connected layer (<c>Linear</c>): y = x W^T + b.</summary>
/// <param name="Name">The module's path.</param>
/// <param name="Weight">[out, in].</param>
/// <param name="Bias">[out], or null.</param>
public sealed record LinearLayer(string Name, ExportTensor Weight, ExportTensor? Bias) : SequentialLayer(Name);

/// <summary>Softmax along one dimension (<c>Softmax(dim)</c>).</summary>
/// <param name="Name">The module's path.</param>
/// <param name="Dimension">The dimension (negative counts from the end).</param>
public sealed record SoftmaxLayer(string Name, long Dimension) : SequentialLayer(Name);
