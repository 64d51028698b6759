using Downscale.Core.Raw;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Downscale.Torch.Models.RawWavelet;

/// <summary>
/// The Low-frequency Arbitrary-Scale Downscaling Module (section 3.3, Fig. 3) for a scale m/n: residual blocks on the
/// HR low-frequency features A_HR (c x h' x w'), PixelUnshuffle(m) to c·m² channels at h'/m, a merge to c·n²
/// channels, and PixelShuffle(n) to c x (n h'/m) x (n w'/m). Names <c>blocks.*</c>, then <c>merge</c>
/// (<see cref="LasdmMerge.Dense"/>) or <c>merge_rows</c> and <c>merge_cols</c> (<see cref="LasdmMerge.Separable"/>).
/// </summary>
/// <remarks>
/// The separable merge works on one axis at a time: the rows of each m-row group become channels (c·m), a 1x1
/// convolution maps them to c·n, and they are put back as n rows; then the same for the columns. Channel
/// <c>ch·m + i</c> holds row offset i of channel ch, the one-axis analogue of PixelUnshuffle's <c>ch·m² + i·m + j</c>.
/// </remarks>
internal sealed class Lasdm : Module<Tensor, Tensor>
{
    private readonly ModuleList<RawResidualBlock> blocks;
    private readonly Conv2d? merge;
    private readonly Conv2d? merge_rows;
    private readonly Conv2d? merge_cols;
    private readonly int m;
    private readonly int n;

    public Lasdm(int features, RationalScale scale, int blockCount, LasdmMerge kind)
        : base(nameof(Lasdm))
    {
        m = scale.Input;
        n = scale.Output;
        blocks = RawLayers.Blocks(blockCount, features);
        register_module("blocks", blocks);
        if (kind == LasdmMerge.Dense)
        {
            merge = RawLayers.Conv1x1(features * m * m, features * n * n);
            register_module("merge", merge);
        }
        else
        {
            merge_rows = RawLayers.Conv1x1(features * m, features * n);
            merge_cols = RawLayers.Conv1x1(features * m, features * n);
            register_module("merge_rows", merge_rows);
            register_module("merge_cols", merge_cols);
        }
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        Tensor x = RawLayers.Run(blocks, input);
        Tensor merged = merge is not null
            ? functional.pixel_shuffle(merge.forward(functional.pixel_unshuffle(x, m)), n)
            : MergeColumns(MergeRows(x));
        return merged.MoveToOuterDisposeScope();
    }

    private Tensor MergeRows(Tensor x)
    {
        long batch = x.shape[0], c = x.shape[1], groups = x.shape[2] / m, width = x.shape[3];
        Tensor stacked = x.view(batch, c, groups, m, width).permute(0, 1, 3, 2, 4).reshape(batch, c * m, groups, width);
        Tensor merged = merge_rows!.forward(stacked);
        return merged.view(batch, c, n, groups, width).permute(0, 1, 3, 2, 4).reshape(batch, c, groups * n, width);
    }

    private Tensor MergeColumns(Tensor x)
    {
        long batch = x.shape[0], c = x.shape[1], height = x.shape[2], groups = x.shape[3] / m;
        Tensor stacked = x.view(batch, c, height, groups, m).permute(0, 1, 4, 2, 3).reshape(batch, c * m, height, groups);
        Tensor merged = merge_cols!.forward(stacked);
        return merged.view(batch, c, n, height, groups).permute(0, 1, 3, 4, 2).reshape(batch, c, height, groups * n);
    }
}
