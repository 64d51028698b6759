using System.Text.RegularExpressions;
using Downscale.Torch.Models.AdkNet;
using TorchSharp;
using static TorchSharp.torch;

namespace Downscale.Torch.Tests.Models;

public class AdkNetModelTests
{
    private static readonly AdkNetOptions Small = new() { Scale = 2, Features = 4 };

    [Theory]
    // Parameter counts of tools/reference/adknet.py's AdkNet(AdkNetConfig(scale)) as PyTorch reports them.
    [InlineData(2, 1_743_563)]
    [InlineData(3, 1_969_427)]
    [InlineData(4, 2_282_867)]
    public void PapersModel_EachScale_DownscalesWithKernelsThatSumToOne(int scale, long parameters)
    {
        using var model = new AdkNet(scale);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using var generator = new Generator((ulong)scale);
        Tensor input = rand([1, 3, 48, 48], generator: generator);
        int k = (2 * scale) + 1, lr = 48 / scale;

        Tensor output = model.forward(input);
        Tensor kernels = model.PredictKernels(input);

        Assert.Equal(new long[] { 1, 3, lr, lr }, output.shape);
        Assert.Equal(new long[] { 1, 3, k * k, lr, lr }, kernels.shape);
        Assert.True((kernels.sum(2) - 1).abs().max().item<float>() < 1e-5f, "two-stage kernels sum to one");
        Assert.True(kernels.min().item<float>() >= 0f, "two-stage kernels are non-negative");
        // A convex combination of HR pixels stays within the HR range.
        Assert.True(output.min().item<float>() >= input.min().item<float>() - 1e-5f);
        Assert.True(output.max().item<float>() <= input.max().item<float>() + 1e-5f);
        Assert.Equal(parameters, model.parameters().Sum(p => p.numel()));
    }

    [Theory]
    [InlineData(KernelGeneratorSharing.PerChannel, 3, 3)]
    [InlineData(KernelGeneratorSharing.SharedTrunk, 1, 3)]
    [InlineData(KernelGeneratorSharing.SingleStream, 1, 1)]
    public void StateDict_HasSnakeCaseNames_AndTheSharingsStreams(KernelGeneratorSharing sharing, int trunks, int branches)
    {
        using var model = new AdkNet(Small with { GeneratorSharing = sharing });

        string[] keys = [.. model.state_dict().Keys];

        Assert.All(keys, key => Assert.Matches(new Regex("^[a-z0-9_.]+$"), key));
        Assert.Equal(trunks, keys.Where(k => k.StartsWith("trunks.", StringComparison.Ordinal)).Select(k => k.Split('.')[1]).Distinct().Count());
        Assert.Equal(branches, keys.Where(k => k.StartsWith("branches.", StringComparison.Ordinal)).Select(k => k.Split('.')[1]).Distinct().Count());
        Assert.Equal("feature_extractor.head.weight", keys[0]);
        Assert.Contains("feature_extractor.backbone.3.conv2.bias", keys);
        Assert.Contains("downsample.conv.weight", keys);
        Assert.Contains("trunks.0.blocks.2.conv1.weight", keys);
        Assert.Contains($"branches.{branches - 1}.blocks.1.conv2.weight", keys);
        Assert.Equal(new long[] { 25, 4, 3, 3 }, model.state_dict()["branches.0.conv.weight"].shape);
    }

    [Fact]
    public void SimpleGen_HasTheSameParametersAsResidual_ButComputesSomethingElse()
    {
        using var residual = new AdkNet(Small);
        using var plain = new AdkNet(Small with { GeneratorBlocks = GeneratorBlockKind.Plain });
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        foreach (var (name, parameter) in residual.state_dict())
        {
            plain.state_dict()[name].copy_(parameter);
        }

        Tensor input = rand(1, 3, 16, 16);

        Assert.Equal(residual.state_dict().Keys, plain.state_dict().Keys);
        Assert.False(residual.forward(input).allclose(plain.forward(input)));
    }

    [Fact]
    public void SingleStream_AppliesOneKernelToAllChannels()
    {
        using var model = new AdkNet(Small with { GeneratorSharing = KernelGeneratorSharing.SingleStream });
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();

        Tensor kernels = model.PredictKernels(rand(2, 3, 12, 16));

        Assert.True(kernels[TensorIndex.Colon, 0].eq(kernels[TensorIndex.Colon, 2]).all().item<bool>());
    }

    [Fact]
    public void FieldAware_CoordinatesChangeTheKernels_ButAreNeverResampled()
    {
        using var model = new AdkNet(Small with { FieldAware = true });
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        Tensor rgb = full([1, 3, 16, 16], 0.25f);
        Tensor left = cat([rgb, full([1, 2, 16, 16], -0.8f)], 1);
        Tensor right = cat([rgb, full([1, 2, 16, 16], 0.8f)], 1);

        Tensor output = model.forward(left);

        // Two-stage kernels are convex, so a flat RGB image stays flat whatever the coordinates hold.
        Assert.True((output - 0.25f).abs().max().item<float>() < 1e-5f);
        Assert.False(model.PredictKernels(left).allclose(model.PredictKernels(right)));
    }

    [Theory]
    [InlineData(false, new long[] { 1, 5, 16, 16 }, "3 planes (R, G, B)")]
    [InlineData(true, new long[] { 1, 3, 16, 16 }, "5 planes (R, G, B, field x, field y)")]
    [InlineData(false, new long[] { 3, 16, 16 }, "(N, C, H, W)")]
    [InlineData(false, new long[] { 1, 3, 16, 15 }, "multiples of 2 and at least 4")]
    [InlineData(false, new long[] { 1, 3, 2, 16 }, "multiples of 2 and at least 4")]
    public void Forward_InputThatDoesNotFit_ThrowsWithTheReason(bool fieldAware, long[] shape, string expected)
    {
        using var model = new AdkNet(Small with { FieldAware = fieldAware });
        using var scope = NewDisposeScope();

        var error = Assert.Throws<ArgumentException>(() => model.forward(zeros(shape)));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => model.PredictKernels(zeros(shape)));
    }

    [Fact]
    public void Forward_IntegerImage_IsRefused()
    {
        using var model = new AdkNet(Small);
        using var scope = NewDisposeScope();

        var error = Assert.Throws<ArgumentException>(() => model.forward(zeros([1, 3, 8, 8], ScalarType.Byte)));
        Assert.Contains("floating-point", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2, 36)]
    [InlineData(3, 49)]
    [InlineData(4, 62)]
    public void ReceptiveFieldRadius_OfThePapersDepths_Is13ScalesPlus10(int scale, int radius)
    {
        using var model = new AdkNet(new AdkNetOptions { Scale = scale, Features = 2 });

        Assert.Equal(radius, model.ReceptiveFieldRadius);
    }

    [Fact]
    public void ReceptiveFieldRadius_IsExactlyTheSupportOfAnOutputPixelsGradient()
    {
        using var model = new AdkNet(Small);
        using var scope = NewDisposeScope();
        using var generator = new Generator(3);
        using (no_grad())
        {
            // Weights from the test's own generator: the global RNG is shared with tests running in parallel, and
            // some random draws leave edge units dead, which shrinks the measured support.
            foreach (Tensor parameter in model.parameters())
            {
                parameter.copy_(rand(parameter.shape, generator: generator).mul_(0.2).sub_(0.1));
            }
        }

        Tensor input = rand([1, 3, 96, 96], generator: generator).requires_grad_(true);
        const int lrRow = 24, lrColumn = 23;

        model.forward(input)[0, 1, lrRow, lrColumn].backward();

        Tensor reach = input.grad!.abs().sum([0, 1]).gt(0); // (96, 96): which HR pixels the output depends on
        long[] rows = [.. reach.any(1).nonzero().data<long>()];
        long[] columns = [.. reach.any(0).nonzero().data<long>()];
        int r = model.ReceptiveFieldRadius;
        Assert.Equal((2 * lrRow) - r, rows.Min());
        Assert.Equal((2 * lrRow) + 1 + r, rows.Max());
        Assert.Equal((2 * lrColumn) - r, columns.Min());
        Assert.Equal((2 * lrColumn) + 1 + r, columns.Max());
    }

    [Fact]
    public void TrainingStep_GivesEveryParameterAFiniteNonZeroGradient()
    {
        using var model = new AdkNet(Small with { BackboneBlocks = 1, TrunkBlocks = 1, BranchBlocks = 1 });
        using var scope = NewDisposeScope();
        using var generator = new Generator(9);
        using (no_grad())
        {
            // Weights from the test's own generator, not the global RNG that parallel tests share (a draw can leave a
            // 4-feature branch dead).
            foreach (Tensor parameter in model.parameters())
            {
                parameter.copy_(rand(parameter.shape, generator: generator).mul_(0.2).sub_(0.1));
            }
        }

        Tensor input = rand([2, 3, 16, 16], generator: generator);
        Tensor target = rand([2, 3, 8, 8], generator: generator);

        nn.functional.l1_loss(model.forward(input), target).backward();

        Assert.All(model.named_parameters(), p =>
        {
            Tensor grad = p.parameter.grad ?? throw new InvalidOperationException($"{p.name} has no gradient");
            Assert.True(isfinite(grad).all().item<bool>(), $"{p.name}: non-finite gradient");
            Assert.True(grad.abs().sum().item<float>() > 0, $"{p.name}: zero gradient");
        });
    }
}
