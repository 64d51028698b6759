using System.Globalization;

namespace Downscale.Core.Data;

/// <summary>Cameras of RealSR.</summary>
[Flags]
public enum RealSRCameras
{
    /// <summary>The Canon 5D3 pairs (<c>Canon/</c>).</summary>
    Canon = 1,

    /// <summary>The Nikon D810 pairs (<c>Nikon/</c>).</summary>
    Nikon = 2,

    /// <summary>Both cameras (Canon first).</summary>
    Both = Canon | Nikon,
}

/// <summary>Training or test half of a data set.</summary>
public enum DataSplit
{
    /// <summary>The training images.</summary>
    Train,

    /// <summary>The held-out images (RealSR <c>Test</c>, DIV2K <c>valid</c>).</summary>
    Test,
}

/// <summary>
/// RealSR v3 (Cai et al. 2019): <c>&lt;root&gt;/&lt;Canon|Nikon&gt;/&lt;Train|Test&gt;/&lt;s&gt;/&lt;Camera&gt;_&lt;nnn&gt;_HR.png</c>
/// with <c>..._LR&lt;s&gt;.png</c> beside it, s in {2, 3, 4}. Version 3 is the one whose LR images are 1/s of the HR
/// size (versions 1 and 2 register LR at HR size and do not fit a downscaler).
/// </summary>
/// <remarks>Lazy like <see cref="PairsV1DataSet"/>; the pair's name is the shared stem, e.g. <c>Canon_001</c>.</remarks>
public static class RealSRDataSet
{
    /// <summary>The pairs of the chosen cameras, split and scale, camera by camera, sorted by name.</summary>
    /// <param name="root">The folder holding <c>Canon/</c> and <c>Nikon/</c> (RealSR(V3)).</param>
    /// <param name="split">Train or Test.</param>
    /// <param name="scale">2, 3 or 4.</param>
    /// <param name="cameras">Which cameras; both by default.</param>
    /// <exception cref="ArgumentOutOfRangeException">The scale or cameras are not valid.</exception>
    /// <exception cref="DirectoryNotFoundException">A camera's split/scale folder is missing.</exception>
    /// <exception cref="FileNotFoundException">During enumeration: an image has no partner.</exception>
    public static IEnumerable<ImagePair> Enumerate(string root, DataSplit split, int scale, RealSRCameras cameras = RealSRCameras.Both)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        ArgumentOutOfRangeException.ThrowIfLessThan(scale, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(scale, 4);
        if (cameras == 0 || (cameras & ~RealSRCameras.Both) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(cameras), cameras, "Choose Canon, Nikon or Both.");
        }

        string splitName = split switch
        {
            DataSplit.Train => "Train",
            DataSplit.Test => "Test",
            _ => throw new ArgumentOutOfRangeException(nameof(split), split, "Choose Train or Test."),
        };
        var folders = new List<string>();
        foreach (RealSRCameras camera in new[] { RealSRCameras.Canon, RealSRCameras.Nikon })
        {
            if (cameras.HasFlag(camera))
            {
                string folder = Path.Combine(root, camera.ToString(), splitName, scale.ToString(CultureInfo.InvariantCulture));
                PairedFolders.RequireFolder(folder, $"RealSR {camera} {splitName} x{scale}");
                folders.Add(folder);
            }
        }

        return Pairs(folders, scale);
    }

    private static IEnumerable<ImagePair> Pairs(List<string> folders, int scale)
    {
        string lrSuffix = $"_LR{scale.ToString(CultureInfo.InvariantCulture)}.png";
        foreach (string folder in folders)
        {
            foreach ((string name, string hr, string lr) in PairedFolders.Match(folder, "_HR.png", folder, lrSuffix))
            {
                yield return new ImagePair(name, hr, lr, scale);
            }
        }
    }
}
