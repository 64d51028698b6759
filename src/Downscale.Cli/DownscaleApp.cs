using System.CommandLine;
using Downscale.Cli.Commands;

namespace Downscale.Cli;

/// <summary>The <c>downscale</c> command line: one verb per file under <c>Commands/</c>.</summary>
internal static class DownscaleApp
{
    /// <summary>Parses and runs; returns the process exit code (see <see cref="ExitCodes"/>).</summary>
    public static int Run(string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        var root = new RootCommand("Learned and classic image downscaling for .NET: run, evaluate and train downscalers.");
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(EvalCommand.Create());
        root.Subcommands.Add(FitDemoCommand.Create());
        root.Subcommands.Add(TrainCommand.Create());
        root.Subcommands.Add(KernelsCommand.Create());
        root.Subcommands.Add(ConvertCommand.Create());
        root.Subcommands.Add(PlotCommand.Create());
        root.Subcommands.Add(ExportCommand.Create());
        root.Subcommands.Add(RawCommand.Create());
        var configuration = new InvocationConfiguration();
        if (output != null)
        {
            configuration.Output = output;
        }

        if (error != null)
        {
            configuration.Error = error;
        }

        return root.Parse(args).Invoke(configuration);
    }
}
