using System.CommandLine;
using Downscale.Core.IO;
using Downscale.Onnx;
using Downscale.Onnx.Export;
using Downscale.Onnx.Runtime;
using Downscale.Torch.Export;
using Downscale.Torch.Models.AdkNet;
using Downscale.Torch.Models.RawWavelet;
using Downscale.Torch.Safetensors;
using Spectre.Console;

namespace Downscale.Cli.Commands;

/// <summary>
/// <c>downscale export</c>: writes an ADK-Net's or a RAW wavelet model's weights (told apart by the weight file's
/// <c>format</c> metadata) as an ONNX model (opset 17, dynamic batch, height and width) that scores through ONNX
/// Runtime (<c>downscale run --onnx</c>, <c>RawOnnxDownscaler</c>) or OpenCV's DNN module without TorchSharp. The model
/// is opened in ONNX Runtime before the file is written, atomically, so a written file always loads. <c>--int8</c>
/// writes the ADK-Net int8 flavour (docs/onnx.md) instead, calibrated on the given images.
/// </summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "ADK-Net or RAW wavelet weights (.safetensors written by `downscale train` or shipped).", Required = true };
        var output = new Option<string?>("--out") { Description = "The .onnx file to write (default: the weights' name with .onnx)." };
        var protocol = new Option<string>("--protocol")
        {
            Description = "The data protocol the weights were trained on (camsim, bicubic), recorded in the model's metadata.",
            DefaultValueFactory = _ => "unknown",
        };
        var int8 = new Option<string?>("--int8")
        {
            Description = "Write the int8 flavour instead (QDQ, int8 per-channel weights, uint8 activations), calibrated on crops of the PNG images in this folder (the training images).",
        };
        var int8Convs = new Option<string>("--int8-convs")
        {
            Description = "With --int8: which learned convolutions are quantised: all (the shipped flavour) or feature-extractor (the full-resolution feature extractor only).",
            DefaultValueFactory = _ => "all",
        };
        int8Convs.AcceptOnlyFromAmong("all", "feature-extractor");
        var command = new Command("export", "Export ADK-Net or RAW wavelet weights to ONNX (for ONNX Runtime, OpenCV DNN, ML.NET's ApplyOnnxModel).") { model, output, protocol, int8, int8Convs };
        command.SetAction(parse => CommandErrors.Guard(() =>
        {
            string source = parse.GetValue(model)!;
            string destination = parse.GetValue(output) ?? Path.ChangeExtension(source, ".onnx");
            if (File.Exists(source) && SafetensorsFile.ReadMetadata(source).GetValueOrDefault(RawOnnxContract.FormatKey) == RawOnnxContract.Format)
            {
                if (parse.GetValue(int8) is not null)
                {
                    throw new ArgumentException("--int8 quantises ADK-Net's convolutions; RAW wavelet models export in float32 only.");
                }

                return ExportRaw(source, destination);
            }

            using AdkNet adkNet = AdkNet.Load(source);
            byte[] bytes = AdkNetOnnxExporter.Serialize(adkNet, parse.GetValue(protocol));
            if (parse.GetValue(int8) is { } calibration)
            {
                string[] images = Directory.Exists(calibration)
                    ? [.. Directory.GetFiles(calibration, "*.png").Order(StringComparer.Ordinal)]
                    : throw new DirectoryNotFoundException($"The calibration folder '{calibration}' does not exist.");
                Func<string, bool>? include = parse.GetValue(int8Convs) == "feature-extractor" ? OnnxInt8Quantizer.FeatureExtractor : null;
                bytes = OnnxInt8Quantizer.Quantize(bytes, OnnxInt8Quantizer.CalibrationCrops(images), include);
            }
            using (OnnxDownscaler check = OnnxDownscaler.FromBytes(bytes, destination))
            {
                AtomicFile.WriteAllBytes(destination, bytes);
                AnsiConsole.MarkupLine(
                    $"Wrote [bold]{Markup.Escape(destination)}[/] ({bytes.Length / 1024} KiB, opset 17): x{check.Scale}, k = {check.Metadata[OnnxDownscalerContract.KernelSizeKey]}, " +
                    $"{Markup.Escape(check.Metadata[OnnxDownscalerContract.VariantKey])}, weights sha256 {check.Metadata[OnnxDownscalerContract.WeightsHashKey][..12]}");
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static int ExportRaw(string source, string destination)
    {
        using RawWaveletNet model = RawWaveletNet.Load(source);
        byte[] bytes = RawWaveletOnnxExporter.Serialize(model);
        using RawOnnxDownscaler check = RawOnnxDownscaler.FromBytes(bytes, destination);
        AtomicFile.WriteAllBytes(destination, bytes);
        IReadOnlyDictionary<string, string> metadata = check.Metadata;
        AnsiConsole.MarkupLine(
            $"Wrote [bold]{Markup.Escape(destination)}[/] ({bytes.Length / 1024} KiB, opset 17): RAW wavelet x{check.Scale}, K = {check.Grid.Levels}, " +
            $"c = {metadata[RawOnnxContract.FeaturesKey]}, {metadata[RawOnnxContract.MergeKey]} merge, {metadata[RawOnnxContract.WaveletKey]} Haar, base {metadata[RawOnnxContract.BaseKey]}, " +
            $"packed sides multiples of {check.Grid.InputBlock}, weights sha256 {metadata[OnnxDownscalerContract.WeightsHashKey][..12]}");
        return ExitCodes.Success;
    }
}
