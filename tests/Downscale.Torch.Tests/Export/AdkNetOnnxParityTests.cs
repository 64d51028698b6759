using Downscale.Torch.Export;
using Downscale.Torch.Models.AdkNet;
using static TorchSharp.torch;

namespace Downscale.Torch.Tests.Export;

/// <summary>The exported graph computes what the TorchSharp model computes, for every variant, with random weights.</summary>
public class AdkNetOnnxParityTests
{
    public static TheoryData<string> Variants() => [.. Cases.Keys];

    private static readonly Dictionary<string, AdkNetOptions> Cases = new()
    {
        ["x2 per-channel residual two-stage (k 5)"] = new() { Scale = 2, Features = 6 },
        ["x3 shared-trunk plain sum-only (k 6)"] = new()
        {
            Scale = 3, KernelSize = 6, Features = 5, GeneratorSharing = KernelGeneratorSharing.SharedTrunk,
            GeneratorBlocks = GeneratorBlockKind.Plain, Normalization = KernelNormalization.SumOnly,
        },
        ["x4 single-stream residual min-max-only (k 10)"] = new()
        {
            Scale = 4, KernelSize = 10, Features = 4, GeneratorSharing = KernelGeneratorSharing.SingleStream,
            Normalization = KernelNormalization.MinMaxOnly,
        },
        ["x4 field-aware per-channel (k 9)"] = new() { Scale = 4, Features = 4, FieldAware = true, BackboneBlocks = 2 },
        ["x3 single-stream plain two-stage (k 7)"] = new()
        {
            Scale = 3, Features = 4, GeneratorSharing = KernelGeneratorSharing.SingleStream, GeneratorBlocks = GeneratorBlockKind.Plain,
        },
        ["x2 widest window (k 10)"] = new() { Scale = 2, KernelSize = 10, Features = 4, TrunkBlocks = 1, BranchBlocks = 0 },
        ["x3 residual sum-only (k 7)"] = new() { Scale = 3, Features = 5, Normalization = KernelNormalization.SumOnly },
        ["x3 shared-trunk plain two-stage (k 6)"] = new()
        {
            Scale = 3, KernelSize = 6, Features = 5, GeneratorSharing = KernelGeneratorSharing.SharedTrunk,
            GeneratorBlocks = GeneratorBlockKind.Plain,
        },
        ["x4 window inside the block (k 2, offset 1)"] = new() { Scale = 4, KernelSize = 2, Features = 4, BackboneBlocks = 0, TrunkBlocks = 0, BranchBlocks = 1 },
        ["x6 window inside the block (k 3, offset 1)"] = new() { Scale = 6, KernelSize = 3, Features = 3, BackboneBlocks = 0, TrunkBlocks = 0, BranchBlocks = 1 },
        ["x4 narrow window (k 3)"] = new() { Scale = 4, KernelSize = 3, Features = 4, BackboneBlocks = 0, TrunkBlocks = 0, BranchBlocks = 1 },
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void OnnxRuntime_MatchesTorchSharp_WithinOneE4_ForABatchOfNonSquareImages(string name)
    {
        AdkNetOptions options = Cases[name];
        using var model = RandomModels.Create(options, seed: 7);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using var generator = new Generator(11);
        int s = options.Scale;
        Tensor input = rand([2, options.InputChannels, 10 * s, 7 * s], generator: generator);

        Tensor expected = model.forward(input);
        Tensor actual = OrtReference.Run(AdkNetOnnxExporter.Serialize(model), input);

        Assert.Equal(new long[] { 2, 3, 10, 7 }, actual.shape);
        Assert.True(OrtReference.MaxAbs(expected, actual) < 1e-4, $"{name}: max |ORT - TorchSharp| = {OrtReference.MaxAbs(expected, actual)}");
    }
}
