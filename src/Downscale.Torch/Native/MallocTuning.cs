using System.Runtime.InteropServices;

namespace Downscale.Torch.Native;

/// <summary>
/// Raises glibc's <c>mmap</c> and trim thresholds (<c>mallopt</c>) so that libtorch's large per-step temporaries are
/// reused from the heap instead of being mapped and unmapped, page-faulted afresh, on every training step.
/// </summary>
/// <remarks>
/// <para>Why: glibc serves allocations above <c>M_MMAP_THRESHOLD</c> (128 KiB, growing dynamically to at most 32 MiB)
/// with fresh <c>mmap</c>s and gives freed heap tops above <c>M_TRIM_THRESHOLD</c> back to the OS. A conv-heavy step
/// allocates and frees many 1-16 MiB activations and gradients, so each step pays the page faults again. Setting
/// both thresholds explicitly keeps those buffers in the heap (and disables glibc's dynamic adjustment).</para>
/// <para>Process-wide and permanent: call it once at start-up, before the work. It only changes how glibc recycles
/// memory: peak RSS can stay higher after a burst, never the results. A no-op outside Linux, on a C library other
/// than glibc (musl), and when the user already tunes malloc through <c>MALLOC_MMAP_THRESHOLD_</c>,
/// <c>MALLOC_TRIM_THRESHOLD_</c> or <c>GLIBC_TUNABLES</c>, which take precedence.</para>
/// </remarks>
public static partial class MallocTuning
{
    /// <summary>Default <c>M_MMAP_THRESHOLD</c>: 32 MiB, the largest value glibc accepts on 64-bit systems.</summary>
    public const int DefaultMmapThreshold = 32 << 20;

    /// <summary>Default <c>M_TRIM_THRESHOLD</c>: 512 MiB of free heap top before memory goes back to the OS.</summary>
    public const int DefaultTrimThreshold = 512 << 20;

    private const int MTrimThreshold = -1;
    private const int MMmapThreshold = -3;

    private static readonly Lock Gate = new();
    private static MallocTuningResult? applied;

    /// <summary>Applies the thresholds once per process; later calls return the first result.</summary>
    /// <param name="mmapThreshold">Bytes from which an allocation gets its own mapping (at most 32 MiB on 64-bit glibc).</param>
    /// <param name="trimThreshold">Free bytes at the heap top from which glibc returns memory to the OS.</param>
    /// <returns>Whether the thresholds were set, and if not, why.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A threshold is not positive, or the mmap threshold exceeds 32 MiB.</exception>
    public static MallocTuningResult Apply(int mmapThreshold = DefaultMmapThreshold, int trimThreshold = DefaultTrimThreshold)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(mmapThreshold, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(mmapThreshold, DefaultMmapThreshold);
        ArgumentOutOfRangeException.ThrowIfLessThan(trimThreshold, 1);
        lock (Gate)
        {
            applied ??= TryApply(mmapThreshold, trimThreshold);
            return applied;
        }
    }

    private static MallocTuningResult TryApply(int mmapThreshold, int trimThreshold)
    {
        if (!OperatingSystem.IsLinux())
        {
            return new MallocTuningResult(false, "not Linux: glibc's mallopt does not apply");
        }

        foreach (string variable in new[] { "MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_", "GLIBC_TUNABLES" })
        {
            if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable(variable)))
            {
                return new MallocTuningResult(false, $"{variable} is set: the user's malloc settings are kept");
            }
        }

        try
        {
            _ = GnuGetLibcVersion();
        }
        catch (EntryPointNotFoundException)
        {
            return new MallocTuningResult(false, "the C library is not glibc");
        }
        catch (DllNotFoundException)
        {
            return new MallocTuningResult(false, "libc.so.6 was not found (not glibc)");
        }

        // mallopt returns 1 on success and 0 on a rejected value.
        bool ok = MallOpt(MMmapThreshold, mmapThreshold) == 1 && MallOpt(MTrimThreshold, trimThreshold) == 1;
        return ok
            ? new MallocTuningResult(true, $"mmap threshold {mmapThreshold >> 10} KiB, trim threshold {trimThreshold >> 10} KiB")
            : new MallocTuningResult(false, "glibc rejected the thresholds");
    }

    [LibraryImport("libc.so.6", EntryPoint = "mallopt")]
    private static partial int MallOpt(int param, int value);

    [LibraryImport("libc.so.6", EntryPoint = "gnu_get_libc_version")]
    private static partial IntPtr GnuGetLibcVersion();
}

/// <summary>What <see cref="MallocTuning.Apply"/> did.</summary>
/// <param name="Applied">True when glibc accepted both thresholds.</param>
/// <param name="Detail">The thresholds set, or why nothing was changed.</param>
public sealed record MallocTuningResult(bool Applied, string Detail);
