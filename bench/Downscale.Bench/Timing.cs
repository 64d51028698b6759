using System.Diagnostics;

namespace Downscale.Bench;

/// <summary>Median wall-clock timing with warm-up.</summary>
internal static class Timing
{
    /// <summary>Runs <paramref name="action"/> once to warm up, then <paramref name="repeats"/> times; returns the median in milliseconds.</summary>
    public static double MedianMs(Action action, int repeats)
    {
        action();
        var samples = new double[Math.Max(1, repeats)];
        for (int i = 0; i < samples.Length; i++)
        {
            long start = Stopwatch.GetTimestamp();
            action();
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        Array.Sort(samples);
        return samples[samples.Length / 2];
    }

    /// <summary>Peak resident set size of this process so far, in MiB (VmHWM from /proc).</summary>
    public static double PeakRssMiB()
    {
        foreach (string line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                return double.Parse(line[6..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) / 1024.0;
            }
        }

        return double.NaN;
    }
}
