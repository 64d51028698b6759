namespace Downscale.Onnx.Export;

/// <summary>How the graph specs (<see cref="AdkNetGraphSpec"/>, <see cref="RawWavelet.RawWaveletGraphSpec"/>) refuse a value out of range.</summary>
internal static class GraphSpecRules
{
    /// <summary>Throws when <paramref name="condition"/> is false, naming the model, the value and the rule.</summary>
    /// <exception cref="ArgumentException">The condition is false.</exception>
    public static void Require(bool condition, string model, string what, string rule)
    {
        if (!condition)
        {
            throw new ArgumentException($"{model} export: {what} {rule}.");
        }
    }
}
