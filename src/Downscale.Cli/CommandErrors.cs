using Downscale.Core.Raw;
using Downscale.Torch.Native;
using Downscale.Torch.Safetensors;
using Downscale.Torch.Training;
using Spectre.Console;

namespace Downscale.Cli;

/// <summary>Turns the product's typed exceptions into one clear line on stderr and a documented exit code.</summary>
internal static class CommandErrors
{
    /// <summary>Runs a verb's body and maps failures to <see cref="ExitCodes"/>.</summary>
    public static int Guard(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Exception e) when (ExitCodeFor(e) is int code)
        {
            AnsiConsole.Console.Profile.Out.Writer.Flush();
            Console.Error.WriteLine($"error: {e.Message}");
            return code;
        }
    }

    private static int? ExitCodeFor(Exception e) => e switch
    {
        // Files: missing, unreadable, or malformed (ImageFormatException, CameraRawDecodeException are IOExceptions).
        IOException or InvalidDataException or UnauthorizedAccessException or SafetensorsFormatException or CheckpointException => ExitCodes.BadInput,
        ArgumentException => ExitCodes.Usage,
        TrainingDivergedException => ExitCodes.Failure,
        TorchNativeLoadException or RawDecoderUnavailableException or DllNotFoundException => ExitCodes.NativeLoad,
        _ => null,
    };
}
