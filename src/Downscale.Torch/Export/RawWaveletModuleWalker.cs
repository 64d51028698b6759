using Downscale.Onnx.Export;
using Downscale.Onnx.Export.RawWavelet;
using Downscale.Torch.Models.RawWavelet;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Downscale.Torch.Export;

/// <summary>
/// Walks a TorchSharp module tree and checks that every module in it is one the RAW wavelet graph writer expresses,
/// where it expects it: the encoder, the levels' LASDM, Â head and HFPM, and zero-padded 3x3 / 1x1 convolutions of the
/// configured strides. Anything else (a module registered on top, a convolution with another configuration, a model
/// of another kind) is refused with a message naming it.
/// </summary>
internal static class RawWaveletModuleWalker
{
    private static readonly ModuleTreeCheck.Naming Naming = new(
        "this RAW wavelet model", "the RAW wavelet model's forward pass", "RawWaveletNet.forward");

    /// <summary>Checks <paramref name="module"/> and describes it for the graph writer.</summary>
    /// <exception cref="OnnxExportException">A module cannot be expressed; the message names it.</exception>
    public static RawWaveletGraphSpec Describe(nn.Module module)
    {
        RawWaveletNet model = ModuleTreeCheck.Root<RawWaveletNet>(
            module, " as a RAW wavelet model: the exporter expresses Downscale.Torch.Models.RawWavelet.RawWaveletNet only.");
        RawWaveletGraphSpec spec = ToSpec(model.Options);
        ModuleTreeCheck.Walk(
            model, ExpectedModules(model.Options), static wanted => wanted.Type, Naming,
            static (path, conv, wanted) => CheckConvolution(path, conv, wanted.Kernel, wanted.Stride));
        return spec;
    }

    internal static RawWaveletGraphSpec ToSpec(RawWaveletOptions options)
    {
        var (method, convention) = options.Base == RawBaseInterpolation.None
            ? (default(Core.Resampling.ResampleMethod?), default(Core.Resampling.ResampleConvention))
            : RawInterpolationBase.Filter(options.Base);
        return new RawWaveletGraphSpec
        {
            Scale = options.Scale,
            Features = options.Features,
            Levels = options.Levels,
            LasdmBlocks = options.LasdmBlocks,
            HfpmBlocks = options.HfpmBlocks,
            Merge = options.Merge switch
            {
                LasdmMerge.Dense => RawGraphMerge.Dense,
                LasdmMerge.Separable => RawGraphMerge.Separable,
                _ => throw new OnnxExportException($"LASDM merge {options.Merge} has no ONNX form."),
            },
            Wavelet = options.Wavelet,
            BaseMethod = method,
            BaseConvention = convention,
        };
    }

    /// <summary>Every module path of the architecture, the type that must sit there, and for convolutions their kernel and stride.</summary>
    private static Dictionary<string, (Type Type, int Kernel, int Stride)> ExpectedModules(RawWaveletOptions options)
    {
        var modules = new Dictionary<string, (Type, int, int)>(StringComparer.Ordinal)
        {
            ["encoder"] = (typeof(RawEncoder), 0, 0),
            ["encoder.head"] = (typeof(Conv2d), 3, 1),
            ["encoder.blocks"] = (typeof(ModuleList<nn.Module<Tensor, Tensor>>), 0, 0),
            ["levels"] = (typeof(ModuleList<WaveletLevel>), 0, 0),
        };
        AddBlock(modules, "encoder.blocks.0");
        for (int k = 1; k < options.Levels; k++)
        {
            string block = $"encoder.blocks.{k}";
            modules[block] = (typeof(RawDownBlock), 0, 0);
            modules[$"{block}.conv1"] = (typeof(Conv2d), 3, 2);
            modules[$"{block}.conv2"] = (typeof(Conv2d), 3, 1);
            modules[$"{block}.shortcut"] = (typeof(Conv2d), 1, 2);
        }

        for (int k = 0; k < options.Levels; k++)
        {
            string level = $"levels.{k}";
            modules[level] = (typeof(WaveletLevel), 0, 0);
            modules[$"{level}.lasdm"] = (typeof(Lasdm), 0, 0);
            AddBlocks(modules, $"{level}.lasdm.blocks", options.LasdmBlocks);
            foreach (string merge in options.Merge == LasdmMerge.Dense ? ["merge"] : new[] { "merge_rows", "merge_cols" })
            {
                modules[$"{level}.lasdm.{merge}"] = (typeof(Conv2d), 1, 1);
            }

            modules[$"{level}.a_head"] = (typeof(Conv2d), 3, 1);
            string hfpm = $"{level}.hfpm";
            modules[hfpm] = (typeof(Hfpm), 0, 0);
            foreach (string list in new[] { "v_blocks", "h_blocks", "v_post", "h_post", "d_post" })
            {
                AddBlocks(modules, $"{hfpm}.{list}", options.HfpmBlocks);
            }

            foreach (string conv in new[] { "q_h", "k_h", "q_v", "k_v", "v_out", "h_out", "d_out" })
            {
                modules[$"{hfpm}.{conv}"] = (typeof(Conv2d), 3, 1);
            }

            foreach (string conv in new[] { "v_skip", "h_skip", "d_skip" })
            {
                modules[$"{hfpm}.{conv}"] = (typeof(Conv2d), 1, 1);
            }
        }

        return modules;
    }

    private static void AddBlocks(Dictionary<string, (Type, int, int)> modules, string list, int count)
    {
        modules[list] = (typeof(ModuleList<RawResidualBlock>), 0, 0);
        for (int b = 0; b < count; b++)
        {
            AddBlock(modules, $"{list}.{b}");
        }
    }

    private static void AddBlock(Dictionary<string, (Type, int, int)> modules, string block)
    {
        modules[block] = (typeof(RawResidualBlock), 0, 0);
        modules[$"{block}.conv1"] = (typeof(Conv2d), 3, 1);
        modules[$"{block}.conv2"] = (typeof(Conv2d), 3, 1);
    }

    /// <summary>The graph writer's convolutions: k x k (3 or 1), the expected stride, zero padding k / 2, no dilation or groups, with a bias.</summary>
    private static void CheckConvolution(string path, Conv2d conv, int kernel, int stride)
    {
        bool expressible = conv.kernel_size.All(k => k == kernel) && conv.kernel_size.Length == 2
            && conv.stride.All(s => s == stride)
            && (kernel == 1 || conv.padding_mode == PaddingModes.Zeros)
            && (conv.padding ?? [0, 0]).All(p => p == kernel / 2)
            && ModuleTreeCheck.IsPlain(conv);
        if (!expressible)
        {
            throw ModuleTreeCheck.Refuse(
                path, conv, $"here the RAW wavelet model has a {kernel}x{kernel} convolution, stride {stride}, zero padding {kernel / 2}, with a bias.");
        }
    }
}
