using Downscale.Core.Raw;
using Downscale.Core.Wavelets;
using Downscale.Torch.Export;
using Downscale.Torch.Models.RawWavelet;
using Downscale.Torch.Tests.Models.RawWavelet;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Downscale.Torch.Tests.Export;

/// <summary>
/// The exported RAW wavelet graph computes what <see cref="RawWaveletNet.forward"/> computes, for every option family
/// (dense and separable merge, orthonormal and average Haar, every identity path) at x2, x1.3 and x4, with every weight
/// random (the zero-initialised heads too), at two input sizes through one graph (symbolic batch, height, width).
/// </summary>
public class RawWaveletOnnxParityTests(ITestOutputHelper output)
{
    private static readonly Dictionary<string, Func<RationalScale, RawWaveletOptions>> Families = new()
    {
        ["dense orthonormal none (paper)"] = scale => Tiny(scale) with { Merge = LasdmMerge.Dense },
        ["separable average bilinear"] = scale => Tiny(scale) with { Merge = LasdmMerge.Separable, Wavelet = HaarNormalization.Average, Base = RawBaseInterpolation.Bilinear },
        ["dense average bicubic"] = scale => Tiny(scale) with { Merge = LasdmMerge.Dense, Wavelet = HaarNormalization.Average, Base = RawBaseInterpolation.Bicubic },
        ["separable orthonormal area"] = scale => Tiny(scale) with { Merge = LasdmMerge.Separable, Base = RawBaseInterpolation.Area },
    };

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (string family in Families.Keys)
        {
            foreach (string scale in new[] { "2", "13/10", "4" })
            {
                data.Add(family, scale);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void OnnxRuntime_MatchesTorchSharpForward_WithinOneE4_AtTwoSizes(string family, string scale)
    {
        RawWaveletOptions options = Families[family](RationalScale.Parse(scale));
        using RawWaveletNet model = RawTestData.Model(options, seed: 5);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        byte[] onnx = RawWaveletOnnxExporter.Serialize(model);
        int block = options.InputBlock;
        using var generator = new Generator(3);
        foreach ((int batch, int rows, int columns) in new[] { (2, 2 * block, block), (1, block, 3 * block) })
        {
            Tensor input = rand([batch, 4, rows, columns], generator: generator);

            Tensor expected = model.forward(input);
            Tensor actual = OrtReference.Run(onnx, input);

            double error = OrtReference.MaxAbs(expected, actual);
            output.WriteLine($"{family} x{scale} {batch}x4x{rows}x{columns}: max |ORT - TorchSharp| = {error:E2}");
            Assert.True(error < 1e-4, $"{family} x{scale} at {rows}x{columns}: max |ORT - TorchSharp| = {error}");
        }
    }

    private static RawWaveletOptions Tiny(RationalScale scale) => new()
    {
        Scale = scale, Features = 4, Levels = 2, LasdmBlocks = 1, HfpmBlocks = 1,
    };
}
