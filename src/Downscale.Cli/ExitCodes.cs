namespace Downscale.Cli;

/// <summary>Exit codes that scripts can rely on.</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>An unexpected failure (a bug: please report it).</summary>
    public const int Failure = 1;

    /// <summary>The command line was invalid (System.CommandLine's own parse errors also use 1; ours use 2).</summary>
    public const int Usage = 2;

    /// <summary>An input file or folder is missing, unreadable or malformed.</summary>
    public const int BadInput = 3;

    /// <summary>A native engine (libtorch, ONNX Runtime, LibRaw) could not be loaded.</summary>
    public const int NativeLoad = 4;

    /// <summary>Interrupted by Ctrl-C (after saving what could be saved).</summary>
    public const int Interrupted = 130;
}
