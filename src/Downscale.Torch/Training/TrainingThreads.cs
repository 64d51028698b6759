using System.Globalization;

namespace Downscale.Torch.Training;

/// <summary>How many threads libtorch should use by default: the physical cores this process may run on.</summary>
/// <remarks>
/// Hyper-threads share a core's vector units, so libtorch's GEMM and convolution kernels gain nothing from them and
/// lose to the contention. On Linux, CPUs whose <c>thread_siblings_list</c> is the same are one core; elsewhere, or
/// when the topology cannot be read, the logical count is used.
/// </remarks>
public static class TrainingThreads
{
    /// <summary>Physical cores, at most <see cref="Environment.ProcessorCount"/> (which honours affinity and CPU quotas).</summary>
    public static int PhysicalCores { get; } = CountPhysicalCores();

    private static int CountPhysicalCores()
    {
        int logical = Environment.ProcessorCount;
        if (!OperatingSystem.IsLinux())
        {
            return logical;
        }

        try
        {
            var cores = new HashSet<string>(StringComparer.Ordinal);
            foreach (string cpu in Directory.EnumerateDirectories("/sys/devices/system/cpu", "cpu*"))
            {
                string name = Path.GetFileName(cpu);
                string siblings = Path.Combine(cpu, "topology", "thread_siblings_list");
                if (name.Length > 3 && int.TryParse(name.AsSpan(3), NumberStyles.None, CultureInfo.InvariantCulture, out _) && File.Exists(siblings))
                {
                    cores.Add(File.ReadAllText(siblings).Trim());
                }
            }

            return cores.Count == 0 ? logical : Math.Clamp(cores.Count, 1, logical);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return logical;
        }
    }
}
