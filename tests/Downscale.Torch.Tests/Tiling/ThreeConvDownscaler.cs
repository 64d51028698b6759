using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Downscale.Torch.Tests.Tiling;

/// <summary>Three reflect-padded 3x3 convolutions then the block mean: a receptive radius of exactly 3 HR pixels.</summary>
internal sealed class ThreeConvDownscaler : Module<Tensor, Tensor>
{
    private readonly Conv2d first;
    private readonly Conv2d second;
    private readonly Conv2d third;
    private readonly int scale;

    public ThreeConvDownscaler(int scale)
        : base(nameof(ThreeConvDownscaler))
    {
        random.manual_seed(7);
        this.scale = scale;
        first = Conv2d(3, 8, 3, padding: 1, padding_mode: PaddingModes.Reflect);
        second = Conv2d(8, 8, 3, padding: 1, padding_mode: PaddingModes.Reflect);
        third = Conv2d(8, 3, 3, padding: 1, padding_mode: PaddingModes.Reflect);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        Tensor x = functional.relu(first.forward(input));
        x = functional.relu(second.forward(x));
        return functional.avg_pool2d(input + third.forward(x), scale).MoveToOuterDisposeScope();
    }
}
