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

/// <summary>What every stage worker's input row holds: the stage configuration, from which the worker finds its stage.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class StageInputRow
{
    /// <summary>The stage configuration.</summary>
    [ColumnName(StageColumns.Config)]
    public ReadOnlyMemory<char> Config { get; set; }
}

/// <summary>
/// The input of a worker on one column: <c>MLImage</c> (image of unknown size), <c>float[]</c> (fixed-size image as
/// ARGB planes), <c>RawFrame</c> or <c>string</c> (a path).
/// </summary>
/// <typeparam name="T0">The column's value type.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public class StageInputRow<T0> : StageInputRow
    where T0 : class
{
    /// <summary>The first input.</summary>
    [ColumnName(StageColumns.Input0)]
    public T0? Input0 { get; set; }
}

/// <summary>The input of a worker on two columns (see <see cref="StageInputRow{T0}"/> for the value types).</summary>
/// <typeparam name="T0">The first column's value type.</typeparam>
/// <typeparam name="T1">The second column's value type.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class StageInputRow<T0, T1> : StageInputRow<T0>
    where T0 : class
    where T1 : class
{
    /// <summary>The second input.</summary>
    [ColumnName(StageColumns.Input1)]
    public T1? Input1 { get; set; }
}

/// <summary>An image output (its size is fixed afterwards by a same-size <c>ResizeImages</c> when the schema knows it).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ImageOutputRow
{
    /// <summary>The image.</summary>
    [ColumnName(StageColumns.ImageOutput)]
    public MLImage? Output { get; set; }
}

/// <summary>The four fidelity scores (the RAW fidelity worker's row adds the RAW-domain ones).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public class FidelityOutputRow
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
