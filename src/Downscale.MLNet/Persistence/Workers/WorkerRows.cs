using System.ComponentModel;
using Microsoft.ML.Data;

namespace Downscale.MLNet.Persistence.Workers;

#pragma warning disable CA1819 // ML.NET binds vector columns to array properties.

/// <summary>Input of the key worker: no column.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class StageKeyInput
{
}

/// <summary>Output of the key worker.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class StageKeyOutput
{
    /// <summary>The constant key.</summary>
    [ColumnName(StageColumns.Key)]
    public string Key { get; set; } = string.Empty;
}

/// <summary>One image input of unknown size.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ImageInputRow
{
    /// <summary>The stage configuration.</summary>
    [ColumnName(StageColumns.Config)]
    public ReadOnlyMemory<char> Config { get; set; }

    /// <summary>The image.</summary>
    [ColumnName(StageColumns.Input0)]
    public MLImage? Input0 { get; set; }
}

/// <summary>One fixed-size image input, as ARGB planes.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class PixelsInputRow
{
    /// <summary>The stage configuration.</summary>
    [ColumnName(StageColumns.Config)]
    public ReadOnlyMemory<char> Config { get; set; }

    /// <summary>The image's ARGB planes.</summary>
    [ColumnName(StageColumns.Input0)]
    public float[]? Input0 { get; set; }
}

/// <summary>Two inputs of unknown size.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ImageImageInputRow
{
    /// <summary>The stage configuration.</summary>
    [ColumnName(StageColumns.Config)]
    public ReadOnlyMemory<char> Config { get; set; }

    /// <summary>The first image.</summary>
    [ColumnName(StageColumns.Input0)]
    public MLImage? Input0 { get; set; }

    /// <summary>The second image.</summary>
    [ColumnName(StageColumns.Input1)]
    public MLImage? Input1 { get; set; }
}

/// <summary>First input of unknown size, second of fixed size.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ImagePixelsInputRow
{
    /// <summary>The stage configuration.</summary>
    [ColumnName(StageColumns.Config)]
    public ReadOnlyMemory<char> Config { get; set; }

    /// <summary>The first image.</summary>
    [ColumnName(StageColumns.Input0)]
    public MLImage? Input0 { get; set; }

    /// <summary>The second image's ARGB planes.</summary>
    [ColumnName(StageColumns.Input1)]
    public float[]? Input1 { get; set; }
}

/// <summary>First input of fixed size, second of unknown size.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class PixelsImageInputRow
{
    /// <summary>The stage configuration.</summary>
    [ColumnName(StageColumns.Config)]
    public ReadOnlyMemory<char> Config { get; set; }

    /// <summary>The first image's ARGB planes.</summary>
    [ColumnName(StageColumns.Input0)]
    public float[]? Input0 { get; set; }

    /// <summary>The second image.</summary>
    [ColumnName(StageColumns.Input1)]
    public MLImage? Input1 { get; set; }
}

/// <summary>Two inputs of fixed size.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class PixelsPixelsInputRow
{
    /// <summary>The stage configuration.</summary>
    [ColumnName(StageColumns.Config)]
    public ReadOnlyMemory<char> Config { get; set; }

    /// <summary>The first image's ARGB planes.</summary>
    [ColumnName(StageColumns.Input0)]
    public float[]? Input0 { get; set; }

    /// <summary>The second image's ARGB planes.</summary>
    [ColumnName(StageColumns.Input1)]
    public float[]? Input1 { get; set; }
}

/// <summary>An image output (its size is fixed afterwards by a same-size <c>ResizeImages</c> when the schema knows it).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ImageOutputRow
{
    /// <summary>The image.</summary>
    [ColumnName(StageColumns.ImageOutput)]
    public MLImage? Output { get; set; }
}

/// <summary>The four fidelity scores.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class FidelityOutputRow
{
    /// <summary>PSNR on RGB (dB).</summary>
    [ColumnName(StageColumns.PsnrRgb)]
    public double PsnrRgb { get; set; }

    /// <summary>PSNR on Y (dB).</summary>
    [ColumnName(StageColumns.PsnrY)]
    public double PsnrY { get; set; }

    /// <summary>SSIM on RGB.</summary>
    [ColumnName(StageColumns.SsimRgb)]
    public double SsimRgb { get; set; }

    /// <summary>SSIM on Y.</summary>
    [ColumnName(StageColumns.SsimY)]
    public double SsimY { get; set; }
}
