using Downscale.Core.Wavelets;
using static Downscale.Onnx.Export.OnnxGraph;

namespace Downscale.Onnx.Export.RawWavelet;

/// <summary>
/// The one-level Haar DWT and IDWT of <c>Downscale.Torch.Wavelets.HaarWavelet</c> in ONNX: the DWT is four depthwise
/// 2x2 convolutions at stride 2 (A, V, H, D), the IDWT one ConvTranspose at stride 2 from the concatenated bands. The
/// filters hold ±f and ±1/(4f) with f = 1/2 or 1/4, so every product is exact; only the summation order differs.
/// </summary>
internal sealed class HaarGraph(OnnxGraph graph, HaarNormalization normalization)
{
    // Signs at offsets (0,0), (0,1), (1,0), (1,1): A all +, V left minus right, H top minus bottom, D diagonal.
    private static readonly int[][] Signs = [[1, 1, 1, 1], [1, -1, 1, -1], [1, 1, -1, -1], [1, -1, -1, 1]];
    private static readonly string[] Bands = ["A", "V", "H", "D"];

    private readonly Dictionary<(int Band, int Channels), string> forward = [];
    private readonly Dictionary<int, string> inverse = [];

    /// <summary>A, V, H, D of <paramref name="input"/> (N x channels x H x W, H and W even).</summary>
    public (string A, string V, string H, string D) Forward(string input, int channels, string prefix)
    {
        string[] bands = [.. Enumerable.Range(0, 4).Select(band => graph.Node("Conv", $"{prefix}.dwt_{Bands[band]}",
            [input, ForwardFilter(band, channels)], Ints("kernel_shape", 2, 2), Ints("strides", 2, 2), Int("group", channels)))];
        return (bands[0], bands[1], bands[2], bands[3]);
    }

    /// <summary>The image (N x channels x 2h x 2w) whose DWT is the four bands.</summary>
    public string Inverse(string a, string v, string h, string d, int channels, string name)
    {
        string bands = graph.Node("Concat", $"{name}.bands", [a, v, h, d], Int("axis", 1));
        return graph.Node("ConvTranspose", name, [bands, InverseFilter(channels)], Ints("kernel_shape", 2, 2), Ints("strides", 2, 2));
    }

    private string ForwardFilter(int band, int channels)
    {
        if (!forward.TryGetValue((band, channels), out string? name))
        {
            float f = (float)HaarTransform.ForwardScale(normalization);
            var values = new float[channels * 4];
            for (int c = 0; c < channels; c++)
            {
                for (int q = 0; q < 4; q++)
                {
                    values[(c * 4) + q] = Signs[band][q] * f;
                }
            }

            name = graph.Floats($"haar.dwt_{Bands[band]}_{channels}", [channels, 1, 2, 2], values);
            forward[(band, channels)] = name;
        }

        return name;
    }

    /// <summary>ConvTranspose weight (4·channels, channels, 2, 2): input channel band·channels + c feeds output channel c.</summary>
    private string InverseFilter(int channels)
    {
        if (!inverse.TryGetValue(channels, out string? name))
        {
            float g = (float)(1 / (4 * HaarTransform.ForwardScale(normalization)));
            var values = new float[4 * channels * channels * 4];
            for (int band = 0; band < 4; band++)
            {
                for (int c = 0; c < channels; c++)
                {
                    for (int q = 0; q < 4; q++)
                    {
                        values[((((band * channels) + c) * channels) + c) * 4 + q] = Signs[band][q] * g;
                    }
                }
            }

            name = graph.Floats($"haar.idwt_{channels}", [4L * channels, channels, 2, 2], values);
            inverse[channels] = name;
        }

        return name;
    }
}
