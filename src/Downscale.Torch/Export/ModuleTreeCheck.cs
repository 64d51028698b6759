using Downscale.Onnx.Export;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Downscale.Torch.Export;

/// <summary>
/// What the model walkers of the exporters share: every module below the root must be the one the graph writer expects
/// at its path, and each convolution must have the configuration the writer expresses; anything else is refused with a
/// message naming it.
/// </summary>
internal static class ModuleTreeCheck
{
    /// <summary>The phrases that name the model in refusals.</summary>
    /// <param name="Model">The model as refused, e.g. <c>this ADK-Net</c>.</param>
    /// <param name="ForwardPass">What a stray module is not part of, e.g. <c>ADK-Net's forward pass</c>.</param>
    /// <param name="Writes">What the exporter writes, e.g. <c>the forward pass of AdkNet</c>.</param>
    public sealed record Naming(string Model, string ForwardPass, string Writes);

    /// <summary>The root as the model type the walker expresses, or a refusal naming the module.</summary>
    /// <param name="module">The module handed to the exporter.</param>
    /// <param name="refusal">The refusal's text after the module's name and type.</param>
    /// <exception cref="OnnxExportException">The module is not a <typeparamref name="TModel"/>.</exception>
    public static TModel Root<TModel>(nn.Module module, string refusal)
        where TModel : nn.Module
    {
        ArgumentNullException.ThrowIfNull(module);
        return module as TModel ?? throw new OnnxExportException($"Cannot export module '{module.GetName()}' ({module.GetType().Name}){refusal}");
    }

    /// <summary>Checks every module below <paramref name="root"/> against <paramref name="expected"/>.</summary>
    /// <param name="root">The model.</param>
    /// <param name="expected">Every module path and what must sit there.</param>
    /// <param name="typeOf">The module type of an expectation.</param>
    /// <param name="naming">How refusals name the model.</param>
    /// <param name="checkConvolution">Checks a convolution at its path against its expectation.</param>
    /// <exception cref="OnnxExportException">A module is not where the writer expects it, or not of the expected type.</exception>
    public static void Walk<TExpected>(
        nn.Module root, IReadOnlyDictionary<string, TExpected> expected, Func<TExpected, Type> typeOf, Naming naming, Action<string, Conv2d, TExpected> checkConvolution)
    {
        foreach ((string path, nn.Module child) in root.named_modules())
        {
            if (path.Length == 0)
            {
                continue; // the root itself, where named_modules includes it
            }

            Type? type = expected.TryGetValue(path, out TExpected? wanted) ? typeOf(wanted) : null;
            if (type is null || type != child.GetType())
            {
                string where = type is null ? $"which is not part of {naming.ForwardPass}" : $"where the exporter expects a {type.Name}";
                throw new OnnxExportException(
                    $"Cannot export module '{path}' ({child.GetType().Name}) of {naming.Model}, {where}; the ONNX exporter writes {naming.Writes} as the library defines it.");
            }

            if (child is Conv2d conv)
            {
                checkConvolution(path, conv, wanted!);
            }
        }
    }

    /// <summary>Whether a convolution has no dilation, no groups, is not transposed, and has a bias: what every writer needs.</summary>
    public static bool IsPlain(Conv2d conv) =>
        conv.dilation.All(d => d == 1) && conv.groups == 1 && !conv.transposed && conv.bias is not null;

    /// <summary>The refusal of convolution <paramref name="path"/>, describing its configuration, then <paramref name="requirement"/>.</summary>
    public static OnnxExportException Refuse(string path, Conv2d conv, string requirement) => new(
        $"Cannot export module '{path}' (Conv2d, kernel [{string.Join(", ", conv.kernel_size)}], stride [{string.Join(", ", conv.stride)}], " +
        $"padding [{string.Join(", ", conv.padding ?? [])}] {conv.padding_mode}, dilation [{string.Join(", ", conv.dilation)}], groups {conv.groups}, " +
        $"bias {(conv.bias is null ? "none" : "yes")}): {requirement}");
}
