namespace Downscale.Bench;

/// <summary>
/// One benchmark suite: it times our code and its peers (Debian's python3 packages, run as child processes) on the
/// same machine in one run, and prints a side-by-side table with ratios.
/// </summary>
internal interface IBenchSuite
{
    /// <summary>The name given on the command line (<c>dotnet run -c Release --project bench/Downscale.Bench -- NAME</c>).</summary>
    string Name { get; }

    /// <summary>One line for the list printed by <c>--list</c>.</summary>
    string Description { get; }

    /// <summary>Runs the suite and writes its table to the console.</summary>
    void Run(BenchOptions options);
}

/// <summary>Options shared by every suite.</summary>
/// <param name="Threads">Threads given to every engine (ours and the peers').</param>
/// <param name="Repeats">Timed repetitions per measurement; the median is reported.</param>
internal sealed record BenchOptions(int Threads, int Repeats);
