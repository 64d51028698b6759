using Downscale.Core.Imaging;
using Downscale.Core.Tiling;
using Downscale.Torch.Imaging;
using static TorchSharp.torch;

namespace Downscale.Torch.Inference;

/// <summary>
/// Runs a TorchSharp downscaling module as an <see cref="ITileDownscaler"/>, so that <see cref="TiledInference"/> can
/// drive it over large images: each tile becomes a 1 x C x h x w tensor (zero-copy over the tile's buffer), goes
/// through the module without autograd, and comes back as a new <see cref="PlanarImage"/>.
/// </summary>
/// <remarks>
/// The module is put in evaluation mode once, here, and is not owned: the caller disposes it. Each tile runs in its own
/// dispose scope, so no tensor outlives the call. Grad mode and dispose scopes are per thread in TorchSharp, so
/// concurrent tiles (<see cref="TilingOptions.DegreeOfParallelism"/> above 1) are safe; libtorch already uses every core
/// inside one tile, though, so one tile at a time is usually fastest.
/// </remarks>
public sealed class TorchTileDownscaler : ITileDownscaler
{
    private readonly nn.Module<Tensor, Tensor> module;
    private readonly Device device;

    /// <summary>Wraps <paramref name="module"/>, which maps 1 x C x h x w to 1 x C' x h / scale x w / scale.</summary>
    /// <param name="module">The model; its parameters' device is where tiles run.</param>
    /// <param name="scale">Its integer downscaling factor.</param>
    /// <param name="haloHr">Its receptive-field radius in HR pixels (see <see cref="ITileDownscaler.HaloHr"/>).</param>
    /// <param name="bytesPerHrPixel">Its peak working memory per HR pixel of a tile (see <see cref="ITileDownscaler.BytesPerHrPixel"/>).</param>
    /// <exception cref="ArgumentOutOfRangeException">A number is out of range.</exception>
    public TorchTileDownscaler(nn.Module<Tensor, Tensor> module, int scale, int haloHr, long bytesPerHrPixel)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentOutOfRangeException.ThrowIfLessThan(scale, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(haloHr);
        ArgumentOutOfRangeException.ThrowIfLessThan(bytesPerHrPixel, 1);
        Native.TorchNative.EnsureLoaded();
        this.module = module;
        Scale = scale;
        HaloHr = haloHr;
        BytesPerHrPixel = bytesPerHrPixel;
        module.eval();
        device = module.parameters().FirstOrDefault()?.device ?? CPU;
    }

    /// <inheritdoc />
    public int Scale { get; }

    /// <inheritdoc />
    public int HaloHr { get; }

    /// <inheritdoc />
    public long BytesPerHrPixel { get; }

    /// <inheritdoc />
    public PlanarImage Run(PlanarImage hrTile)
    {
        ArgumentNullException.ThrowIfNull(hrTile);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        Tensor input = hrTile.ToTensor().to(device);
        return module.forward(input).ToPlanarImage();
    }
}
