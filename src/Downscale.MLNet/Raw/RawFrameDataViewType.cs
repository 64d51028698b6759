using Downscale.Core.Raw;
using Microsoft.ML.Data;

namespace Downscale.MLNet.Raw;

/// <summary>
/// The ML.NET column type of a RAW frame (<see cref="RawFrame"/>: the 16-bit CFA mosaic as floats in [0, 1], its CFA
/// pattern and its sidecar metadata), as <c>ImageDataViewType</c> is for <c>MLImage</c>. Columns of this type come from
/// <c>LoadRawFrames</c> and <c>DownscaleRaw</c>, and feed <c>DownscaleRaw</c>, <c>RenderRawPreview</c> and
/// <c>ComputeRawFidelity</c>.
/// </summary>
public sealed class RawFrameDataViewType : StructuredDataViewType
{
    private static readonly Lock Gate = new();
    private static bool registered;

    /// <summary>The column type (all instances are equal).</summary>
    public RawFrameDataViewType()
        : base(typeof(RawFrame))
    {
    }

    /// <inheritdoc />
    public override bool Equals(DataViewType? other) => other is RawFrameDataViewType;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is RawFrameDataViewType;

    /// <inheritdoc />
    public override int GetHashCode() => typeof(RawFrameDataViewType).GetHashCode();

    /// <inheritdoc />
    public override string ToString() => "RawFrame";

    /// <summary>
    /// Registers <see cref="RawFrame"/> as this column type once per process (so <c>CustomMapping</c> classes bind it).
    /// Our RAW workers call it from their static constructors, so a plain <c>Model.Load</c> needs no extra call.
    /// </summary>
    internal static void EnsureRegistered()
    {
        lock (Gate)
        {
            if (!registered)
            {
                DataViewTypeManager.Register(new RawFrameDataViewType(), typeof(RawFrame));
                registered = true;
            }
        }
    }
}
