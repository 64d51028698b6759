using Downscale.Onnx.Export;
using Downscale.Torch.Models.AdkNet;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Downscale.Torch.Export;

/// <summary>
/// Walks a TorchSharp module tree and checks that every module in it is one the ONNX graph writer expresses, where it
/// expects it: ADK-Net's stages, blocks and reflection-padded 3x3 convolutions. Anything else (a module registered on
/// top, a convolution with another configuration, a model of another kind) is refused with a message naming it.
/// </summary>
internal static class AdkNetModuleWalker
{
    private static readonly ModuleTreeCheck.Naming Naming = new("this ADK-Net", "ADK-Net's forward pass", "the forward pass of AdkNet");

    /// <summary>Checks <paramref name="module"/> and describes it for the graph writer.</summary>
    /// <exception cref="OnnxExportException">A module cannot be expressed; the message names it.</exception>
    public static AdkNetGraphSpec Describe(nn.Module module)
    {
        AdkNet model = ModuleTreeCheck.Root<AdkNet>(
            module, ": the ONNX exporter expresses ADK-Net models (Downscale.Torch.Models.AdkNet.AdkNet) only.");
        AdkNetGraphSpec spec = ToSpec(model.Options);
        ModuleTreeCheck.Walk(model, ExpectedModules(spec), static type => type, Naming, static (path, conv, _) => CheckConvolution(path, conv));
        return spec;
    }

    internal static AdkNetGraphSpec ToSpec(AdkNetOptions options) => new()
    {
        Scale = options.Scale,
        KernelSize = options.EffectiveKernelSize,
        Features = options.Features,
        BackboneBlocks = options.BackboneBlocks,
        TrunkBlocks = options.TrunkBlocks,
        BranchBlocks = options.BranchBlocks,
        Sharing = options.GeneratorSharing switch
        {
            KernelGeneratorSharing.PerChannel => AdkNetSharing.PerChannel,
            KernelGeneratorSharing.SharedTrunk => AdkNetSharing.SharedTrunk,
            KernelGeneratorSharing.SingleStream => AdkNetSharing.SingleStream,
            _ => throw new OnnxExportException($"Generator sharing {options.GeneratorSharing} has no ONNX form."),
        },
        Blocks = options.GeneratorBlocks switch
        {
            GeneratorBlockKind.Residual => AdkNetBlocks.Residual,
            GeneratorBlockKind.Plain => AdkNetBlocks.Plain,
            _ => throw new OnnxExportException($"Generator blocks {options.GeneratorBlocks} have no ONNX form."),
        },
        Normalization = options.Normalization switch
        {
            KernelNormalization.TwoStage => AdkNetNormalization.TwoStage,
            KernelNormalization.SumOnly => AdkNetNormalization.SumOnly,
            KernelNormalization.MinMaxOnly => AdkNetNormalization.MinMaxOnly,
            _ => throw new OnnxExportException($"Kernel normalisation {options.Normalization} has no ONNX form."),
        },
        FieldAware = options.FieldAware,
        Epsilon = options.Epsilon,
    };

    /// <summary>Every module path of the architecture and the type that must sit there.</summary>
    private static Dictionary<string, Type> ExpectedModules(AdkNetGraphSpec spec)
    {
        var modules = new Dictionary<string, Type>(StringComparer.Ordinal)
        {
            ["feature_extractor"] = typeof(FeatureExtractor),
            ["feature_extractor.head"] = typeof(Conv2d),
            ["feature_extractor.backbone"] = typeof(ModuleList<nn.Module<Tensor, Tensor>>),
            ["feature_extractor.tail"] = typeof(Conv2d),
            ["downsample"] = typeof(FeatureDownsampling),
            ["downsample.conv"] = typeof(Conv2d),
            ["trunks"] = typeof(ModuleList<GeneratorStage>),
            ["branches"] = typeof(ModuleList<GeneratorStage>),
        };
        AddBlocks(modules, "feature_extractor.backbone", spec.BackboneBlocks, typeof(ResidualBlock));
        Type generatorBlock = spec.Blocks == AdkNetBlocks.Plain ? typeof(PlainBlock) : typeof(ResidualBlock);
        AddStages(modules, "trunks", spec.TrunkCount, spec.TrunkBlocks, generatorBlock);
        AddStages(modules, "branches", spec.BranchCount, spec.BranchBlocks, generatorBlock);
        return modules;
    }

    private static void AddStages(Dictionary<string, Type> modules, string list, int count, int blocks, Type blockType)
    {
        for (int i = 0; i < count; i++)
        {
            modules[$"{list}.{i}"] = typeof(GeneratorStage);
            modules[$"{list}.{i}.blocks"] = typeof(ModuleList<nn.Module<Tensor, Tensor>>);
            modules[$"{list}.{i}.conv"] = typeof(Conv2d);
            AddBlocks(modules, $"{list}.{i}.blocks", blocks, blockType);
        }
    }

    private static void AddBlocks(Dictionary<string, Type> modules, string list, int count, Type blockType)
    {
        for (int b = 0; b < count; b++)
        {
            modules[$"{list}.{b}"] = blockType;
            modules[$"{list}.{b}.conv1"] = typeof(Conv2d);
            modules[$"{list}.{b}.conv2"] = typeof(Conv2d);
        }
    }

    /// <summary>The graph writer's convolution: 3x3, stride 1, reflection padding 1, no dilation or groups, with a bias.</summary>
    private static void CheckConvolution(string path, Conv2d conv)
    {
        bool expressible = conv.kernel_size.SequenceEqual([3L, 3L])
            && conv.stride.All(s => s == 1)
            && conv.padding_mode == PaddingModes.Reflect
            && conv.padding is { } padding && padding.All(p => p == 1)
            && ModuleTreeCheck.IsPlain(conv);
        if (!expressible)
        {
            throw ModuleTreeCheck.Refuse(path, conv, "ADK-Net's convolutions are 3x3, stride 1, reflection padding 1, with a bias.");
        }
    }
}
