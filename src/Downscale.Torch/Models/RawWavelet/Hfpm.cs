using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Downscale.Torch.Models.RawWavelet;

/// <summary>
/// The High-Frequency Prediction Module (section 3.3, Fig. 4, Eq. 3-5): predicts the LR sub-bands V̂, Ĥ, D̂
/// (4 x h x w) of one level from the HR feature sub-bands V, H, D (c x h' x w') and the level's predicted Â (4 x h x w).
/// </summary>
/// <remarks>
/// <para>Per channel and image: V' = top-h values of <c>v_blocks(V)</c> along the vertical axis (c x h x w'),
/// H' = top-w values of <c>h_blocks(H)</c> along the horizontal axis (c x h' x w), largest first (torch.topk). The
/// location maps are softmaxes of cosine similarities (Eq. 3): M_H = softmax_h'(q_h(Â) rows · k_h(H') rows) (c x h x h')
/// and M_V = softmax_w'(q_v(Â) columns · k_v(V') columns) (c x w x w'). Then Ĥ = h_out(h_post(M_H × H')) (Eq. 4),
/// V̂ = v_out(v_post(V' × M_Vᵀ)), D̂ = d_out(d_post(M_H × D × M_Vᵀ)) (Eq. 5), each plus the input residual branch
/// <c>*_skip(bilinear(C, (h, w)))</c> ("the input features are incorporated as a residual in the independent branch by
/// matching the target size").</para>
/// <para>Names: <c>v_blocks</c>, <c>h_blocks</c>, <c>q_h</c>, <c>k_h</c>, <c>q_v</c>, <c>k_v</c>, <c>v_post</c>,
/// <c>h_post</c>, <c>d_post</c>, <c>v_out</c>, <c>h_out</c>, <c>d_out</c>, <c>v_skip</c>, <c>h_skip</c>, <c>d_skip</c>.</para>
/// </remarks>
internal sealed class Hfpm : Module
{
    /// <summary>The eps of the cosine similarity's L2 normalisation (PyTorch's F.normalize default).</summary>
    public const double NormEpsilon = 1e-12;

    private readonly ModuleList<RawResidualBlock> v_blocks;
    private readonly ModuleList<RawResidualBlock> h_blocks;
    private readonly Conv2d q_h;
    private readonly Conv2d k_h;
    private readonly Conv2d q_v;
    private readonly Conv2d k_v;
    private readonly ModuleList<RawResidualBlock> v_post;
    private readonly ModuleList<RawResidualBlock> h_post;
    private readonly ModuleList<RawResidualBlock> d_post;
    private readonly Conv2d v_out;
    private readonly Conv2d h_out;
    private readonly Conv2d d_out;
    private readonly Conv2d v_skip;
    private readonly Conv2d h_skip;
    private readonly Conv2d d_skip;

    public Hfpm(int features, int blocks)
        : base(nameof(Hfpm))
    {
        v_blocks = RawLayers.Blocks(blocks, features);
        h_blocks = RawLayers.Blocks(blocks, features);
        q_h = RawLayers.Conv3x3(4, features);
        k_h = RawLayers.Conv3x3(features, features);
        q_v = RawLayers.Conv3x3(4, features);
        k_v = RawLayers.Conv3x3(features, features);
        v_post = RawLayers.Blocks(blocks, features);
        h_post = RawLayers.Blocks(blocks, features);
        d_post = RawLayers.Blocks(blocks, features);
        v_out = RawLayers.Conv3x3(features, 4);
        h_out = RawLayers.Conv3x3(features, 4);
        d_out = RawLayers.Conv3x3(features, 4);
        v_skip = RawLayers.Conv1x1(features, 4);
        h_skip = RawLayers.Conv1x1(features, 4);
        d_skip = RawLayers.Conv1x1(features, 4);
        RegisterComponents();
    }

    /// <summary>Zeroes the output heads, so that the module starts by predicting zero corrections.</summary>
    public void ZeroInitHeads()
    {
        foreach (Conv2d conv in new[] { v_out, h_out, d_out, v_skip, h_skip, d_skip })
        {
            RawLayers.ZeroInit(conv);
        }
    }

    /// <summary>(V̂, Ĥ, D̂), each N x 4 x h x w with (h, w) the size of <paramref name="a"/>.</summary>
    public (Tensor V, Tensor H, Tensor D) Forward(Tensor v, Tensor h, Tensor d, Tensor a)
    {
        using var scope = NewDisposeScope();
        long rows = a.shape[2], columns = a.shape[3];
        Tensor vTop = RawLayers.Run(v_blocks, v).topk((int)rows, dim: 2, largest: true, sorted: true).values;
        Tensor hTop = RawLayers.Run(h_blocks, h).topk((int)columns, dim: 3, largest: true, sorted: true).values;

        // M_H: rows of q_h(Â) (w-vectors) against rows of k_h(H'); M_V: columns of q_v(Â) (h-vectors) against columns of k_v(V').
        Tensor mapH = LocationMap(q_h.forward(a), k_h.forward(hTop));
        Tensor mapV = LocationMap(q_v.forward(a).transpose(2, 3), k_v.forward(vTop).transpose(2, 3));
        Tensor mapVt = mapV.transpose(2, 3);

        Tensor hMapped = mapH.matmul(hTop);
        Tensor vMapped = vTop.matmul(mapVt);
        Tensor dMapped = mapH.matmul(d).matmul(mapVt);
        long[] size = [rows, columns];
        Tensor vHat = v_out.forward(RawLayers.Run(v_post, vMapped)) + v_skip.forward(Resize(v, size));
        Tensor hHat = h_out.forward(RawLayers.Run(h_post, hMapped)) + h_skip.forward(Resize(h, size));
        Tensor dHat = d_out.forward(RawLayers.Run(d_post, dMapped)) + d_skip.forward(Resize(d, size));
        return (vHat.MoveToOuterDisposeScope(), hHat.MoveToOuterDisposeScope(), dHat.MoveToOuterDisposeScope());
    }

    /// <summary>softmax over the last axis of the cosine similarities between the rows of <paramref name="query"/> and of <paramref name="key"/>.</summary>
    internal static Tensor LocationMap(Tensor query, Tensor key)
    {
        using var scope = NewDisposeScope();
        Tensor similarity = Normalize(query).matmul(Normalize(key).transpose(2, 3));
        return functional.softmax(similarity, -1).MoveToOuterDisposeScope();
    }

    private static Tensor Normalize(Tensor x) => x / x.norm(-1, keepdim: true).clamp_min(NormEpsilon);

    private static Tensor Resize(Tensor x, long[] size) =>
        functional.interpolate(x, size, mode: InterpolationMode.Bilinear, align_corners: false);
}
