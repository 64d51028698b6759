using Downscale.Core.Raw;
using static Downscale.Onnx.Export.OnnxGraph;

namespace Downscale.Onnx.Export.RawWavelet;

/// <summary>
/// The identity path's RAW-domain interpolation (the Torch <c>RawInterpolationBase</c>) in ONNX: the packed planes go
/// back to a sparse 3-plane mosaic (ConvTranspose of one-hot 2x2 filters at stride 2), the fixed ISP's bilinear
/// demosaic (reflection Pad 1 and a depthwise 3x3 Conv), the resize by m/n on the mosaic grid
/// (<see cref="AxisTapsGraph"/> from the resampler's own tables), and RGGB sampling at the output sites (a Conv of
/// one-hot 2x2 filters at stride 2). Every step but the demosaic and the resize multiplies by 1 or 0.
/// </summary>
internal sealed class RawBaseGraph(OnnxGraph graph, ShapeOps shapes, RawWaveletGraphSpec spec)
{
    private static readonly float[] RedBlueKernel = [0.25f, 0.5f, 0.25f, 0.5f, 1f, 0.5f, 0.25f, 0.5f, 0.25f];
    private static readonly float[] GreenKernel = [0f, 0.25f, 0f, 0.25f, 1f, 0.25f, 0f, 0.25f, 0f];

    // Packed plane → (RGB channel, offset in the 2x2 block): R (0,0), G1 (0,1), G2 (1,0), B (1,1).
    private static readonly (int Channel, int Offset)[] Sites = [(0, 0), (1, 1), (1, 2), (2, 3)];

    /// <summary>The packed N x 4 x (H n/m) x (W n/m) interpolation of the packed input.</summary>
    /// <exception cref="OnnxExportException">The resize does not decompose into a polyphase filter with fixed borders.</exception>
    public string Interpolate(string packed)
    {
        var oneHot = new float[4 * 3 * 4];
        foreach (var (plane, (channel, offset)) in Sites.Select((site, plane) => (plane, site)))
        {
            oneHot[(((plane * 3) + channel) * 4) + offset] = 1f;
        }

        string cfa = graph.Floats("base.cfa_sites", [4, 3, 2, 2], oneHot);
        string sparse = graph.Node("ConvTranspose", "base.sparse", [packed, cfa], Ints("kernel_shape", 2, 2), Ints("strides", 2, 2));
        string padded = graph.Node("Pad", "base.reflect", [sparse, graph.Int64s("base.pads", 0, 0, 1, 1, 0, 0, 1, 1)], OnnxGraph.String("mode", "reflect"));
        string rgb = graph.Node("Conv", "base.demosaic",
            [padded, graph.Floats("base.demosaic_kernels", [3, 1, 3, 3], [.. RedBlueKernel, .. GreenKernel, .. RedBlueKernel])],
            Ints("kernel_shape", 3, 3), Int("group", 3));

        int m = spec.Scale.Input, n = spec.Scale.Output, block = 2 * spec.InputBlock;
        PeriodicAxisTaps taps = PeriodicAxisTaps.Decompose(
            length => AxisTaps.Resize(spec.BaseMethod!.Value, spec.BaseConvention, length, length / m * n), m, n, block,
            $"{spec.BaseMethod} ({spec.BaseConvention}) resize of the identity path");
        var axis = new AxisTapsGraph(graph, shapes);
        string resized = axis.Columns(axis.Rows(rgb, 3, taps, "base.resize_rows"), 3, taps, "base.resize_cols");

        // The same one-hot filters, forwards: packed plane p takes its channel at its site of each 2x2 block.
        return graph.Node("Conv", "base.packed", [resized, cfa], Ints("kernel_shape", 2, 2), Ints("strides", 2, 2));
    }
}
