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
        FileNotFoundException or DirectoryNotFoundException or InvalidDataException or UnauthorizedAccessException => ExitCodes.BadInput,
        ArgumentException => ExitCodes.Usage,
        DllNotFoundException => ExitCodes.NativeLoad,
        _ => null,
    };
}
