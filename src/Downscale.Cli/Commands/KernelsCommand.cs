using System.CommandLine;
using Downscale.Core.Imaging;
using Downscale.Torch.Imaging;
using Downscale.Torch.Models.AdkNet;
using Spectre.Console;
using static TorchSharp.torch;

namespace Downscale.Cli.Commands;

/// <summary>
/// <c>downscale kernels</c>: predicts ADK-Net's per-pixel kernels for one image and writes them as PNGs: the
/// per-channel spatially averaged kernels (the paper's Fig. 3) and the per-tap maps.
/// </summary>
internal static class KernelsCommand
{
    /// <summary>Kernel prediction is not tiled; larger images are refused rather than exhausting memory.</summary>
    private const long MaxPixels = 4_000_000;

    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "ADK-Net weights (.safetensors).", Required = true };
        var image = new Option<string>("--image") { Description = "The HR image whose kernels are predicted (at most 4 MP).", Required = true };
        var output = new Option<string>("--out") { Description = "Output folder.", DefaultValueFactory = _ => "kernels" };
        var command = new Command("kernels", "Export the kernels ADK-Net predicts for an image as PNGs (mean kernel per channel and per-tap maps).")
        {
            model, image, output,
        };
        command.SetAction(parse => CommandErrors.Guard(() =>
        {
            using AdkNet adkNet = AdkNet.Load(parse.GetValue(model)!);
            PlanarImage hr = ImageFile.Read(parse.GetValue(image)!);
            if ((long)hr.Height * hr.Width > MaxPixels)
            {
                throw new ArgumentException($"The image is {hr.Width}x{hr.Height}; kernel export takes at most {MaxPixels / 1_000_000} MP. Crop it first.");
            }

            if (adkNet.Options.FieldAware)
            {
                hr = FieldCoordinates.Append(hr);
            }

            adkNet.eval();
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            Tensor kernels = adkNet.PredictKernels(hr.ToTensor());
            IReadOnlyList<string> written = KernelImages.Write(kernels, parse.GetValue(output)!);
            foreach (string path in written)
            {
                AnsiConsole.MarkupLine(Markup.Escape(path));
            }

            return ExitCodes.Success;
        }));
        return command;
    }
}
