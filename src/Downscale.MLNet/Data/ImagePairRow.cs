namespace Downscale.MLNet.Data;

/// <summary>
/// One row of a paired data set as <c>mlContext.Data.LoadImagePairs</c> lays it out: HR and LR image paths (for
/// <c>LoadImages</c>), the pair's name and its scale. Also the row class for <c>CreateEnumerable</c>.
/// </summary>
public sealed class ImagePairRow
{
    /// <summary>The column names.</summary>
    public static class Columns
    {
        /// <summary>The pair's name (<c>baby</c>, <c>0801</c>, <c>Canon_001</c>).</summary>
        public const string Name = nameof(ImagePairRow.Name);

        /// <summary>The HR image's full path.</summary>
        public const string HrPath = nameof(ImagePairRow.HrPath);

        /// <summary>The LR (ground truth) image's full path.</summary>
        public const string LrPath = nameof(ImagePairRow.LrPath);

        /// <summary>The integer scale.</summary>
        public const string Scale = nameof(ImagePairRow.Scale);
    }

    /// <summary>The pair's name.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>The HR image's full path.</summary>
    public string HrPath { get; set; } = string.Empty;

    /// <summary>The LR image's full path.</summary>
    public string LrPath { get; set; } = string.Empty;

    /// <summary>The integer scale (HR = scale x LR).</summary>
    public int Scale { get; set; }
}
