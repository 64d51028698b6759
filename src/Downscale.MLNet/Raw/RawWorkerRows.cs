using System.ComponentModel;
using Downscale.Core.Raw;
using Downscale.MLNet.Persistence.Workers;
using Microsoft.ML.Data;

namespace Downscale.MLNet.Raw;

/// <summary>Input of the RAW loading worker: one path.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class RawPathInputRow
{
    /// <summary>The stage configuration.</summary>
    [ColumnName(StageColumns.Config)]
    public ReadOnlyMemory<char> Config { get; set; }

    /// <summary>The path.</summary>
    [ColumnName(StageColumns.Input0)]
    public string? Input0 { get; set; }
}

/// <summary>Input of a worker on one RAW column.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class RawInputRow
{
    /// <summary>The stage configuration.</summary>
    [ColumnName(StageColumns.Config)]
    public ReadOnlyMemory<char> Config { get; set; }

    /// <summary>The frame.</summary>
    [ColumnName(StageColumns.Input0)]
    public RawFrame? Input0 { get; set; }
}

/// <summary>Input of a worker on two RAW columns.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class RawRawInputRow
{
    /// <summary>The stage configuration.</summary>
    [ColumnName(StageColumns.Config)]
    public ReadOnlyMemory<char> Config { get; set; }

    /// <summary>The first frame.</summary>
    [ColumnName(StageColumns.Input0)]
    public RawFrame? Input0 { get; set; }

    /// <summary>The second frame.</summary>
    [ColumnName(StageColumns.Input1)]
    public RawFrame? Input1 { get; set; }
}

/// <summary>A RAW frame output.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class RawOutputRow
{
    /// <summary>The frame.</summary>
    [ColumnName(StageColumns.RawOutput)]
    public RawFrame? Output { get; set; }
}

/// <summary>RAW and sRGB scores.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class RawFidelityOutputRow
{
    /// <summary>RAW PSNR (dB).</summary>
    [ColumnName(StageColumns.RawPsnr)]
    public double RawPsnr { get; set; }

    /// <summary>RAW SSIM.</summary>
    [ColumnName(StageColumns.RawSsim)]
    public double RawSsim { get; set; }

    /// <summary>sRGB PSNR on RGB (dB).</summary>
    [ColumnName(StageColumns.PsnrRgb)]
    public double PsnrRgb { get; set; }

    /// <summary>sRGB PSNR on Y (dB).</summary>
    [ColumnName(StageColumns.PsnrY)]
    public double PsnrY { get; set; }

    /// <summary>sRGB SSIM on RGB.</summary>
    [ColumnName(StageColumns.SsimRgb)]
    public double SsimRgb { get; set; }

    /// <summary>sRGB SSIM on Y.</summary>
    [ColumnName(StageColumns.SsimY)]
    public double SsimY { get; set; }
}
