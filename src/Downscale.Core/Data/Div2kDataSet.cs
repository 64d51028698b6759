using System.Globalization;

namespace Downscale.Core.Data;

/// <summary>Which DIV2K low-resolution track.</summary>
public enum Div2kDegradation
{
    /// <summary>MATLAB bicubic (<c>DIV2K_&lt;split&gt;_LR_bicubic</c>).</summary>
    Bicubic,

    /// <summary>The unknown-kernel track (<c>DIV2K_&lt;split&gt;_LR_unknown</c>).</summary>
    Unknown,
}

/// <summary>
/// DIV2K (Agustsson and Timofte 2017): <c>&lt;root&gt;/DIV2K_train_HR/0001.png</c> with
/// <c>&lt;root&gt;/DIV2K_train_LR_bicubic/X&lt;s&gt;/0001x&lt;s&gt;.png</c>, and the same with <c>valid</c> for
/// <see cref="DataSplit.Test"/> (images 0801-0900).
/// </summary>
/// <remarks>Lazy like <see cref="PairsV1DataSet"/>; the pair's name is the HR stem, e.g. <c>0001</c>.</remarks>
public static class Div2kDataSet
{
    /// <summary>The pairs of one split, degradation and scale, sorted by name.</summary>
    /// <param name="root">The folder holding the <c>DIV2K_*</c> folders.</param>
    /// <param name="split">Train (<c>train</c>) or Test (<c>valid</c>).</param>
    /// <param name="scale">2, 3 or 4 (8 for the bicubic track).</param>
    /// <param name="degradation">The LR track; bicubic by default.</param>
    /// <exception cref="ArgumentOutOfRangeException">The scale, split or degradation is not valid.</exception>
    /// <exception cref="DirectoryNotFoundException">The HR or LR folder is missing.</exception>
    /// <exception cref="FileNotFoundException">During enumeration: an image has no partner.</exception>
    public static IEnumerable<ImagePair> Enumerate(
        string root, DataSplit split, int scale, Div2kDegradation degradation = Div2kDegradation.Bicubic)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        ArgumentOutOfRangeException.ThrowIfLessThan(scale, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(scale, 8);
        string splitName = split switch
        {
            DataSplit.Train => "train",
            DataSplit.Test => "valid",
            _ => throw new ArgumentOutOfRangeException(nameof(split), split, "Choose Train or Test."),
        };
        string track = degradation switch
        {
            Div2kDegradation.Bicubic => "bicubic",
            Div2kDegradation.Unknown => "unknown",
            _ => throw new ArgumentOutOfRangeException(nameof(degradation), degradation, "Choose Bicubic or Unknown."),
        };
        string s = scale.ToString(CultureInfo.InvariantCulture);
        string hrFolder = Path.Combine(root, $"DIV2K_{splitName}_HR");
        string lrFolder = Path.Combine(root, $"DIV2K_{splitName}_LR_{track}", $"X{s}");
        PairedFolders.RequireFolder(hrFolder, "DIV2K HR");
        PairedFolders.RequireFolder(lrFolder, $"DIV2K {track} x{s} LR");
        return Pairs(hrFolder, lrFolder, scale, $"x{s}.png");
    }

    private static IEnumerable<ImagePair> Pairs(string hrFolder, string lrFolder, int scale, string lrSuffix)
    {
        foreach ((string name, string hr, string lr) in PairedFolders.Match(hrFolder, ".png", lrFolder, lrSuffix))
        {
            yield return new ImagePair(name, hr, lr, scale);
        }
    }
}
