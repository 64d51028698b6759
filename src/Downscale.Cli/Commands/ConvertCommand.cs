using System.CommandLine;
using Downscale.Torch.Models.AdkNet;
using Downscale.Torch.Models.RawWavelet;
using Spectre.Console;
using static TorchSharp.torch;

namespace Downscale.Cli.Commands;

/// <summary>
/// <c>downscale convert</c>: rewrites ADK-Net or RAW wavelet weights (for example a run's <c>best.safetensors</c>) with
/// float16 or float32 storage, keeping the architecture metadata; this is how shipped models are made.
/// </summary>
internal static class ConvertCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("input") { Description = "ADK-Net or RAW wavelet weights (.safetensors)." };
        var output = new Argument<string>("output") { Description = "The file to write (atomically)." };
        var half = new Option<bool>("--fp16") { Description = "Store float16 (half the size; loads back as float32)." };
        var command = new Command("convert", "Rewrite ADK-Net or RAW wavelet weights with float16 or float32 storage.") { input, output, half };
        command.SetAction(parse => CommandErrors.Guard(() =>
        {
            string source = parse.GetValue(input)!, destination = parse.GetValue(output)!;
            ScalarType storage = parse.GetValue(half) ? ScalarType.Float16 : ScalarType.Float32;
            if (RawWaveletNet.IsWeightFile(source))
            {
                using RawWaveletNet raw = RawWaveletNet.Load(source);
                raw.Save(destination, storage);
            }
            else
            {
                using AdkNet model = AdkNet.Load(source);
                model.Save(destination, storage);
            }

            AnsiConsole.MarkupLine($"Wrote [bold]{Markup.Escape(destination)}[/] ({new FileInfo(destination).Length / 1024} KiB, {(parse.GetValue(half) ? "float16" : "float32")})");
            return ExitCodes.Success;
        }));
        return command;
    }
}
