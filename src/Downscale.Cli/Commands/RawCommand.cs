using System.CommandLine;

namespace Downscale.Cli.Commands;

/// <summary><c>downscale raw</c>: the verbs of the arbitrary-scale RAW wavelet downscaler.</summary>
internal static class RawCommand
{
    public static Command Create() => new("raw", "Arbitrary-scale RAW downscaling (packed RGGB, rational scales such as 1.3): train and evaluate.")
    {
        RawTrainCommand.Create(),
        RawEvalCommand.Create(),
    };
}
