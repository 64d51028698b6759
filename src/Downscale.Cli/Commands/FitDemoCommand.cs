using System.CommandLine;
using Downscale.Core.Imaging;
using Downscale.Torch.Training;
using Spectre.Console;

namespace Downscale.Cli.Commands;

/// <summary>
/// <c>downscale fit-demo</c>: fits the tiny convolutional downscaler on one bundled sample pair for a few steps, prints
/// the falling loss and saves the weights. A quick end-to-end check of the training stack (TorchSharp, autograd, safetensors).
/// </summary>
internal static class FitDemoCommand
{
    public static Command Create()
    {
        var steps = new Option<int>("--steps") { Description = "Optimiser steps.", DefaultValueFactory = _ => 30 };
        var scale = new Option<int>("--scale") { Description = "Integer scale (2, 3 or 4).", DefaultValueFactory = _ => 4 };
        var image = new Option<string>("--image") { Description = "Sample stem in the bundled Set5.", DefaultValueFactory = _ => "butterfly" };
        var outPath = new Option<string>("--out") { Description = "Where to save the weights (.safetensors).", DefaultValueFactory = _ => Path.Combine("runs", "fit-demo", "tiny.safetensors") };
        var command = new Command("fit-demo", "Fit a tiny TorchSharp downscaler on a bundled sample pair (camsim protocol) and save its weights.")
        {
            steps, scale, image, outPath,
        };
        command.SetAction(parse => CommandErrors.Guard(() =>
        {
            int s = parse.GetValue(scale);
            string stem = parse.GetValue(image)!;
            PlanarImage hr = ImageFile.Read(Samples.HrPath(stem));
            PlanarImage lr = ImageFile.Read(Samples.LrPath("camsim", s, stem));
            string weights = parse.GetValue(outPath)!;
            AnsiConsole.MarkupLine($"Fitting the tiny downscaler at x{s} on [bold]{stem}[/] ({hr.Width}x{hr.Height} -> {lr.Width}x{lr.Height}), camsim protocol");
            var losses = TinyFit.Run(hr, lr, s, parse.GetValue(steps), weights, new TrainingProgressRenderer(AnsiConsole.Console));
            AnsiConsole.MarkupLine($"L1 fell from {losses[0]:F5} to {losses[^1]:F5}; weights saved to [bold]{Markup.Escape(weights)}[/]");
            return ExitCodes.Success;
        }));
        return command;
    }
}
