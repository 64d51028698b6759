using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Downscale.Torch.Models;

/// <summary>
/// A deliberately small convolutional downscaler: a learned residual over the box (area) downscale.
/// <c>out = avg_pool(x, s) + head(pixel_unshuffle(relu(body(x)), s))</c>.
/// </summary>
/// <remarks>
/// It is the smallest real model of the product: the setup smoke test and the Foundation's main job train it for a
/// few steps to prove that TorchSharp, the native fix, autograd and safetensors work end to end. ADK-Net is the real model.
/// State-dict names are PyTorch's snake_case (<c>body.weight</c>, <c>head.bias</c>).
/// </remarks>
public sealed class TinyConvDownscaler : Module<Tensor, Tensor>
{
    private readonly Conv2d body;
    private readonly Conv2d head;

    /// <summary>Creates the model for an integer <paramref name="scale"/>.</summary>
    /// <param name="scale">Integer downscaling factor (2, 3, 4, ...).</param>
    /// <param name="features">Feature channels of the body convolution.</param>
    public TinyConvDownscaler(int scale, int features = 16)
        : base(nameof(TinyConvDownscaler))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(scale, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(features, 1);
        Scale = scale;
        body = Conv2d(3, features, 3, padding: 1, padding_mode: PaddingModes.Reflect);
        head = Conv2d(features * scale * scale, 3, 1);
        register_module("body", body);
        register_module("head", head);
        using (no_grad())
        {
            // Start at the plain area downscale: the residual head begins at zero.
            head.weight!.zero_();
            head.bias!.zero_();
        }
    }

    /// <summary>The integer downscaling factor.</summary>
    public int Scale { get; }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        Tensor baseImage = functional.avg_pool2d(input, Scale);
        Tensor features = functional.pixel_unshuffle(functional.relu(body.forward(input)), Scale);
        return (baseImage + head.forward(features)).MoveToOuterDisposeScope();
    }
}
