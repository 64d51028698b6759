using Downscale.Core.Data;
using Downscale.MLNet.Data;
using Microsoft.ML;

namespace Downscale.MLNet;

/// <summary>
/// Paired data sets (HR with ground-truth LR) as ML.NET data views with <see cref="ImagePairRow.Columns.HrPath"/> and
/// <see cref="ImagePairRow.Columns.LrPath"/> path columns, ready for <c>LoadImages</c>. Folders are checked when called;
/// file names are listed each time a cursor starts; no image is opened.
/// </summary>
public static class ImagePairDataExtensions
{
    /// <summary>Any pairs (for example from Downscale.Core's data sets), in the order given.</summary>
    /// <param name="catalog">The data catalog.</param>
    /// <param name="pairs">The pairs; enumerated again by each cursor.</param>
    public static IDataView LoadImagePairs(this DataOperationsCatalog catalog, IEnumerable<ImagePair> pairs)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(pairs);
        return catalog.LoadFromEnumerable(pairs.Select(p => new ImagePairRow { Name = p.Name, HrPath = p.HrPath, LrPath = p.LrPath, Scale = p.Scale }));
    }

    /// <summary>A pairs-v1 set (<c>shared/data</c>): <c>&lt;set&gt;/HR</c> with <c>&lt;set&gt;/LR_&lt;protocol&gt;_x&lt;scale&gt;</c>.</summary>
    /// <param name="catalog">The data catalog.</param>
    /// <param name="setFolder">The set's folder, for example <c>shared/data/Set14</c>.</param>
    /// <param name="protocol"><c>bicubic</c> or <c>camsim</c>.</param>
    /// <param name="scale">2, 3 or 4.</param>
    /// <exception cref="DirectoryNotFoundException">A folder is missing (the message lists the LR folders present).</exception>
    public static IDataView LoadPairsV1(this DataOperationsCatalog catalog, string setFolder, string protocol, int scale) =>
        catalog.LoadImagePairs(PairsV1DataSet.Enumerate(setFolder, protocol, scale));

    /// <summary>RealSR v3: <c>&lt;root&gt;/&lt;Canon|Nikon&gt;/&lt;Train|Test&gt;/&lt;scale&gt;/*_HR.png</c> with <c>*_LR&lt;scale&gt;.png</c>.</summary>
    /// <param name="catalog">The data catalog.</param>
    /// <param name="root">The folder holding <c>Canon/</c> and <c>Nikon/</c>.</param>
    /// <param name="split">Train or Test.</param>
    /// <param name="scale">2, 3 or 4.</param>
    /// <param name="cameras">Which cameras (both by default).</param>
    public static IDataView LoadRealSR(this DataOperationsCatalog catalog, string root, DataSplit split, int scale, RealSRCameras cameras = RealSRCameras.Both) =>
        catalog.LoadImagePairs(RealSRDataSet.Enumerate(root, split, scale, cameras));

    /// <summary>DIV2K: <c>DIV2K_&lt;train|valid&gt;_HR</c> with <c>DIV2K_&lt;split&gt;_LR_&lt;bicubic|unknown&gt;/X&lt;scale&gt;</c>.</summary>
    /// <param name="catalog">The data catalog.</param>
    /// <param name="root">The folder holding the <c>DIV2K_*</c> folders.</param>
    /// <param name="split">Train (<c>train</c>) or Test (<c>valid</c>).</param>
    /// <param name="scale">2, 3 or 4 (8 for bicubic).</param>
    /// <param name="degradation">The LR track.</param>
    public static IDataView LoadDiv2k(this DataOperationsCatalog catalog, string root, DataSplit split, int scale, Div2kDegradation degradation = Div2kDegradation.Bicubic) =>
        catalog.LoadImagePairs(Div2kDataSet.Enumerate(root, split, scale, degradation));
}
