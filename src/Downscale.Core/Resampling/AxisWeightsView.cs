namespace Downscale.Core.Resampling;

/// <summary>Pinned pointers into an <see cref="AxisWeights"/> for the pixel loops.</summary>
internal readonly unsafe struct AxisWeightsView(int* starts, float* weights, int tapCount)
{
    /// <summary>First input index per output.</summary>
    public int* Starts { get; } = starts;

    /// <summary>TapCount weights per output.</summary>
    public float* Weights { get; } = weights;

    /// <summary>Taps per output.</summary>
    public int TapCount { get; } = tapCount;
}
