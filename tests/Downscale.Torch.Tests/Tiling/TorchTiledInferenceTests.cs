using Downscale.Core.Imaging;
using Downscale.Core.Tiling;
using Downscale.Tests;
using Downscale.Torch.Imaging;
using Downscale.Torch.Inference;
using Downscale.Torch.Models;
using Downscale.Torch.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace Downscale.Torch.Tests.Tiling;

/// <summary>TorchSharp models through <see cref="TorchTileDownscaler"/>: tiled inference equals the whole-image forward.</summary>
public class TorchTiledInferenceTests
{
    private const double Tolerance = 1e-5;

    public TorchTiledInferenceTests() => TorchNative.EnsureLoaded();

    [Theory]
    [InlineData(2, 8)]
    [InlineData(2, 30)]
    [InlineData(3, 3)]
    [InlineData(3, 27)]
    [InlineData(4, 4)]
    [InlineData(4, 36)]
    public void TinyConv_TiledEqualsTheWholeImageForward(int scale, int tileSize)
    {
        using TinyConvDownscaler module = RandomTinyConv(scale);
        var model = new TorchTileDownscaler(module, scale, haloHr: 1, bytesPerHrPixel: 256);
        PlanarImage hr = TestImages.Random(3, 19 * scale, 23 * scale, seed: scale + tileSize);

        PlanarImage whole = Forward(module, hr);
        PlanarImage untiled = TiledInference.RunUntiled(hr, model);
        PlanarImage tiled = TiledInference.Run(hr, model, new TilingOptions { TileSize = tileSize });

        Assert.Equal(whole.Data.ToArray(), untiled.Data.ToArray());
        Assert.True(TestImages.MaxAbsDifference(whole, tiled) <= Tolerance, $"max difference {TestImages.MaxAbsDifference(whole, tiled)}");
    }

    [Fact]
    public void TinyConv_WithNoHalo_MeasurablyDiffers()
    {
        // The 3x3 reflect-padded body convolution reaches one HR pixel past each block; without a halo, interior cuts see mirrored pixels.
        using TinyConvDownscaler module = RandomTinyConv(2);
        PlanarImage hr = TestImages.Random(3, 40, 40, seed: 1);
        var options = new TilingOptions { TileSize = 10 };

        PlanarImage whole = Forward(module, hr);
        double withHalo = TestImages.MaxAbsDifference(whole, TiledInference.Run(hr, new TorchTileDownscaler(module, 2, 1, 256), options));
        double withoutHalo = TestImages.MaxAbsDifference(whole, TiledInference.Run(hr, new TorchTileDownscaler(module, 2, 0, 256), options));

        Assert.True(withHalo <= Tolerance, $"halo 1: {withHalo}");
        Assert.True(withoutHalo > 1e-4, $"halo 0: {withoutHalo}");
    }

    [Fact]
    public void ThreeReflectConvs_NeedAHaloOfThree()
    {
        using var module = new ThreeConvDownscaler(2);
        PlanarImage hr = TestImages.Random(3, 36, 44, seed: 2);
        var options = new TilingOptions { TileSize = 8 };

        PlanarImage whole = Forward(module, hr);
        double exact = TestImages.MaxAbsDifference(whole, TiledInference.Run(hr, new TorchTileDownscaler(module, 2, 3, 1024), options));
        double shortHalo = TestImages.MaxAbsDifference(whole, TiledInference.Run(hr, new TorchTileDownscaler(module, 2, 2, 1024), options));

        Assert.True(exact <= Tolerance, $"halo 3: {exact}");
        Assert.True(shortHalo > 1e-3, $"halo 2: {shortHalo}");
    }

    [Fact]
    public void ParallelTiles_AndReflectPad_EqualTheWholeImageForward()
    {
        using TinyConvDownscaler module = RandomTinyConv(3);
        var model = new TorchTileDownscaler(module, 3, 1, 256);
        PlanarImage hr = TestImages.Random(3, 61, 50, seed: 3);
        var options = new TilingOptions { TileSize = 12, DegreeOfParallelism = 2, SizePolicy = SizePolicy.ReflectPad };

        PlanarImage tiled = TiledInference.Run(hr, model, options);

        PlanarImage whole = Forward(module, ScaleAlignment.Align(hr, 3, SizePolicy.ReflectPad));
        Assert.Equal((21, 17), (tiled.Height, tiled.Width));
        Assert.True(TestImages.MaxAbsDifference(whole, tiled) <= Tolerance);
    }

    [Fact]
    public void Adapter_SetsEvalMode_AndLeavesNoTensorAlive()
    {
        using TinyConvDownscaler module = RandomTinyConv(2);
        module.train();
        var model = new TorchTileDownscaler(module, 2, 1, 256);
        PlanarImage tile = TestImages.Random(3, 8, 8, seed: 4);
        model.Run(tile); // warm-up: lazily created handles are not per-tile garbage
        long live = DisposeScopeManager.Statistics.ThreadTotalLiveCount;

        PlanarImage output = model.Run(tile);

        Assert.False(module.training);
        Assert.Equal((3, 4, 4), (output.Channels, output.Height, output.Width));
        Assert.Equal(live, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }

    [Fact]
    public void Adapter_RefusesImpossibleArguments()
    {
        using TinyConvDownscaler module = RandomTinyConv(2);

        Assert.Throws<ArgumentNullException>(() => new TorchTileDownscaler(null!, 2, 1, 256));
        Assert.Equal("scale", Assert.Throws<ArgumentOutOfRangeException>(() => new TorchTileDownscaler(module, 0, 1, 256)).ParamName);
        Assert.Equal("haloHr", Assert.Throws<ArgumentOutOfRangeException>(() => new TorchTileDownscaler(module, 2, -1, 256)).ParamName);
        Assert.Equal("bytesPerHrPixel", Assert.Throws<ArgumentOutOfRangeException>(() => new TorchTileDownscaler(module, 2, 1, 0)).ParamName);
    }

    /// <summary>A TinyConv with every weight random: its zero-initialised head would hide the body's receptive field.</summary>
    private static TinyConvDownscaler RandomTinyConv(int scale)
    {
        random.manual_seed(scale);
        var module = new TinyConvDownscaler(scale, features: 8);
        using (no_grad())
        {
            foreach (var parameter in module.parameters())
            {
                parameter.uniform_(-0.5, 0.5);
            }
        }

        return module;
    }

    private static PlanarImage Forward(nn.Module<Tensor, Tensor> module, PlanarImage hr)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        module.eval();
        return module.forward(hr.ToTensor()).ToPlanarImage();
    }

}
