using System.Globalization;

namespace Downscale.Core.Data;

/// <summary>
/// The pairs-v1 layout of <c>shared/data</c> (data README): <c>&lt;Set&gt;/HR/&lt;stem&gt;.png</c> with
/// <c>&lt;Set&gt;/LR_&lt;protocol&gt;_x&lt;s&gt;/&lt;stem&gt;.png</c>, and the RAW sub-layout
/// <c>&lt;Set&gt;/RAW/HR</c>, <c>&lt;Set&gt;/RAW/LR_x{1.3,2,3,4}</c> with <c>.png.json</c> sidecars.
/// </summary>
/// <remarks>
/// Enumeration is lazy: folders are checked when called, file names are listed and paired when enumeration starts,
/// and no image is opened. Pairs come in ordinal order of their names.
/// </remarks>
public static class PairsV1DataSet
{
    /// <summary>The RGB pairs of one protocol and scale.</summary>
    /// <param name="setFolder">The set's folder, e.g. <c>shared/data/Set14</c>.</param>
    /// <param name="protocol">The LR protocol: <c>bicubic</c> or <c>camsim</c> in pairs-v1 (the <c>LR_&lt;protocol&gt;_x&lt;s&gt;</c> folder).</param>
    /// <param name="scale">The integer scale (2, 3 or 4 in pairs-v1).</param>
    /// <exception cref="ArgumentException">The protocol is empty or holds a path separator.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The scale is smaller than 1.</exception>
    /// <exception cref="DirectoryNotFoundException">The HR or LR folder is missing (the message lists the LR folders present).</exception>
    /// <exception cref="FileNotFoundException">During enumeration: an image has no partner.</exception>
    public static IEnumerable<ImagePair> Enumerate(string setFolder, string protocol, int scale)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(setFolder);
        ArgumentException.ThrowIfNullOrWhiteSpace(protocol);
        if (protocol.AsSpan().IndexOfAny(['/', '\\']) >= 0 || protocol.Contains("..", StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{protocol}' is not a protocol name (bicubic, camsim, ...).", nameof(protocol));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(scale, 1);
        string hrFolder = Path.Combine(setFolder, "HR");
        string lrFolder = Path.Combine(setFolder, $"LR_{protocol}_x{scale.ToString(CultureInfo.InvariantCulture)}");
        PairedFolders.RequireFolder(hrFolder, "HR");
        RequireLrFolder(setFolder, lrFolder, "LR_*");
        return Pairs(hrFolder, lrFolder, scale);
    }

    /// <summary>The RAW pairs of one scale, with their sidecar paths.</summary>
    /// <param name="setFolder">The set's folder, e.g. <c>shared/data/Set14</c> (its <c>RAW</c> sub-folder is used).</param>
    /// <param name="scale">The nominal scale: 1.3, 2, 3 or 4 in pairs-v1 (the <c>RAW/LR_x&lt;scale&gt;</c> folder).</param>
    /// <exception cref="ArgumentOutOfRangeException">The scale is not a finite number above 1.</exception>
    /// <exception cref="DirectoryNotFoundException">The RAW HR or LR folder is missing.</exception>
    /// <exception cref="FileNotFoundException">During enumeration: an image has no partner or no sidecar.</exception>
    public static IEnumerable<RawImagePair> EnumerateRaw(string setFolder, double scale)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(setFolder);
        if (!double.IsFinite(scale) || scale <= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "A RAW downscaling factor is a finite number above 1 (1.3, 2, 3, 4).");
        }

        string rawFolder = Path.Combine(setFolder, "RAW");
        string hrFolder = Path.Combine(rawFolder, "HR");
        string lrFolder = Path.Combine(rawFolder, $"LR_x{scale.ToString(CultureInfo.InvariantCulture)}");
        PairedFolders.RequireFolder(hrFolder, "RAW HR");
        RequireLrFolder(rawFolder, lrFolder, "LR_x*");
        return RawPairs(hrFolder, lrFolder, scale);
    }

    private static IEnumerable<ImagePair> Pairs(string hrFolder, string lrFolder, int scale)
    {
        foreach ((string name, string hr, string lr) in PairedFolders.Match(hrFolder, ".png", lrFolder, ".png"))
        {
            yield return new ImagePair(name, hr, lr, scale);
        }
    }

    private static IEnumerable<RawImagePair> RawPairs(string hrFolder, string lrFolder, double scale)
    {
        foreach ((string name, string hr, string lr) in PairedFolders.Match(hrFolder, ".png", lrFolder, ".png"))
        {
            string hrSidecar = hr + ".json", lrSidecar = lr + ".json";
            PairedFolders.RequireFile(hrSidecar, "sidecar of the RAW HR image");
            PairedFolders.RequireFile(lrSidecar, "sidecar of the RAW LR image");
            yield return new RawImagePair(name, hr, lr, scale, hrSidecar, lrSidecar);
        }
    }

    private static void RequireLrFolder(string parent, string lrFolder, string pattern)
    {
        if (Directory.Exists(lrFolder))
        {
            return;
        }

        string present = Directory.Exists(parent)
            ? string.Join(", ", Directory.EnumerateDirectories(parent, pattern).Select(Path.GetFileName).Order(StringComparer.Ordinal))
            : string.Empty;
        throw new DirectoryNotFoundException(
            $"The LR folder '{lrFolder}' does not exist; '{parent}' holds: {(present.Length > 0 ? present : "no LR folders")}.");
    }
}
