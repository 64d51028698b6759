using System.ComponentModel;
using Downscale.Core.Raw;
using Downscale.MLNet.Persistence.Workers;
using Microsoft.ML.Data;

namespace Downscale.MLNet.Raw;

// The RAW workers' inputs are StageInputRow<string> (a path), StageInputRow<RawFrame> and
// StageInputRow<RawFrame, RawFrame> (Persistence/Workers/WorkerRows.cs).

/// <summary>A RAW frame output.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class RawOutputRow
{
    /// <summary>The frame.</summary>
    [ColumnName(StageColumns.RawOutput)]
    public RawFrame? Output { get; set; }
}

/// <summary>RAW scores, and the sRGB ones of <see cref="FidelityOutputRow"/>.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class RawFidelityOutputRow : FidelityOutputRow
{
    /// <summary>RAW PSNR (dB).</summary>
    [ColumnName(StageColumns.RawPsnr)]
    public double RawPsnr { get; set; }

    /// <summary>RAW SSIM.</summary>
    [ColumnName(StageColumns.RawSsim)]
    public double RawSsim { get; set; }
}
