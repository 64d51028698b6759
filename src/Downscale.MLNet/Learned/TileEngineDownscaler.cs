using Downscale.Core.Imaging;
using Downscale.Core.Tiling;

namespace Downscale.MLNet.Learned;

/// <summary>A <see cref="LearnedDownscaler"/> over any <see cref="ITileDownscaler"/>, created on first use.</summary>
internal sealed class TileEngineDownscaler : LearnedDownscaler
{
    private readonly Lazy<ITileDownscaler> engine;

    public TileEngineDownscaler(string name, int scale, Func<ITileDownscaler> factory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(scale, 1);
        Name = name;
        Scale = scale;
        engine = new Lazy<ITileDownscaler>(() =>
        {
            ITileDownscaler created = factory() ?? throw new InvalidOperationException($"The tile engine factory of '{name}' returned null.");
            return created.Scale == scale
                ? created
                : throw new InvalidOperationException($"The tile engine of '{name}' has scale {created.Scale}, but the model was declared with scale {scale}.");
        });
    }

    public override string Name { get; }

    public override int Scale { get; }

    public override PlanarImage Downscale(PlanarImage hr, TilingOptions tiling) => TiledInference.Run(hr, engine.Value, tiling);
}
