using Downscale.Core.Raw;
using Downscale.Core.Resampling;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Downscale.Torch.Models.RawWavelet;

/// <summary>
/// The identity path's RAW-domain interpolation on packed tensors, the same numbers as
/// <see cref="RawInterpolation"/> with <see cref="RawInterpolationDomain.Demosaicked"/>: unpack, the fixed ISP's
/// bilinear demosaic (reflect-101 borders), a separable resize of the mosaic-resolution camera RGB by m/n with the
/// resampler's own weights (<see cref="AxisTaps.Resize"/>), and RGGB sampling at the output sites, packed again.
/// No parameters; differentiable.
/// </summary>
internal sealed class RawInterpolationBase
{
    private static readonly float[] RedBlueKernel = [0.25f, 0.5f, 0.25f, 0.5f, 1f, 0.5f, 0.25f, 0.5f, 0.25f];
    private static readonly float[] GreenKernel = [0f, 0.25f, 0f, 0.25f, 1f, 0.25f, 0f, 0.25f, 0f];

    private readonly ResampleMethod method;
    private readonly ResampleConvention convention;
    private readonly RationalScale scale;

    public RawInterpolationBase(RawBaseInterpolation kind, RationalScale scale)
    {
        (method, convention) = Filter(kind);
        this.scale = scale;
    }

    /// <summary>The resampler method and convention of a base (the ONNX exporter writes the same tables).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is <see cref="RawBaseInterpolation.None"/> or undefined.</exception>
    public static (ResampleMethod Method, ResampleConvention Convention) Filter(RawBaseInterpolation kind) => kind switch
    {
        RawBaseInterpolation.Bilinear => (ResampleMethod.Bilinear, ResampleConvention.Pil),
        RawBaseInterpolation.Bicubic => (ResampleMethod.Bicubic, ResampleConvention.Pil),
        RawBaseInterpolation.Area => (ResampleMethod.Area, ResampleConvention.OpenCv),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "No interpolation to build."),
    };

    /// <summary>The packed N x 4 x (H n/m) x (W n/m) interpolation of a packed N x 4 x H x W input.</summary>
    public Tensor Forward(Tensor packed)
    {
        using var scope = NewDisposeScope();
        long rows = packed.shape[2], columns = packed.shape[3];
        Tensor r = packed.narrow(1, 0, 1), g = packed.narrow(1, 1, 2), b = packed.narrow(1, 3, 1);
        Tensor zero = zeros_like(r);

        // Channel 4c + (2i + j) of pixel_shuffle(2) lands at offset (i, j) of plane c: R at (0,0), G at (0,1)/(1,0), B at (1,1).
        Tensor sparse = functional.pixel_shuffle(cat([r, zero, zero, zero, zero, g, zero, zero, zero, zero, b], 1), 2);
        Tensor kernels = stack([Kernel(RedBlueKernel, packed), Kernel(GreenKernel, packed), Kernel(RedBlueKernel, packed)]);
        Tensor rgb = functional.conv2d(functional.pad(sparse, [1, 1, 1, 1], PaddingModes.Reflect), kernels, groups: 3);

        long outRows = rows * scale.Output / scale.Input, outColumns = columns * scale.Output / scale.Input;
        AxisTaps vertical = AxisTaps.Resize(method, convention, (int)(2 * rows), (int)(2 * outRows));
        AxisTaps horizontal = AxisTaps.Resize(method, convention, (int)(2 * columns), (int)(2 * outColumns));
        Tensor resized = TensorTaps.Apply(rgb, vertical, horizontal);

        // Back through the CFA: R from plane 0 at (0,0), G1 and G2 from plane 1 at (0,1) and (1,0), B from plane 2 at (1,1).
        Tensor phases = functional.pixel_unshuffle(resized, 2);
        return phases.index_select(1, tensor(new long[] { 0, 5, 6, 11 }, device: packed.device)).MoveToOuterDisposeScope();
    }

    private static Tensor Kernel(float[] values, Tensor like) =>
        tensor(values, dtype: like.dtype, device: like.device).view(1, 3, 3);
}
