using System.Globalization;
using System.Text.Json;
using Downscale.Core.Imaging;
using Downscale.Core.Resampling;

namespace Downscale.Bench;

/// <summary>
/// Classic resamplers on a 4000 x 3000 RGB image at x2, x4 and x1.3: ours (float planar, and the 8-bit interleaved
/// path) against OpenCV and PIL (bench/python/resize_peers.py) and libvips (NetVips, in-process).
/// </summary>
/// <remarks>
/// Throughput is input megapixels per second. Peers take and return uint8 interleaved images (and allocate their
/// output); "ours f32" is the float planar engine into a preallocated destination (no conversion: the form our
/// pipelines hold, with 4x the bytes of uint8), "ours u8" is <see cref="Resampler.ResizeInterleaved"/> with the same
/// uint8 HWC in and out as the peers (DPID converts to planar float and back inside that call). Rows pair equal work where it exists: antialiased kernels (PIL,
/// libvips reduce) and OpenCV's unwidened ones are different operations, so each row names its peers. PIL is
/// single-threaded.
/// </remarks>
internal sealed class ResamplingSuite : IBenchSuite
{
    private const int Width = 4000;
    private const int Height = 3000;
    private static readonly double[] Scales = [2, 4, 1.3];

    public string Name => "resampling";

    public string Description => "classic resamplers on 4000x3000 RGB (x2, x4, x1.3): ours vs OpenCV, PIL, libvips";

    public void Run(BenchOptions options)
    {
        var bytes = new byte[Width * Height * 3];
        new Random(1234).NextBytes(bytes);
        PlanarImage planar = ToPlanar(bytes);
        JsonElement peers = PythonPeer.Run(
            "resize_peers.py",
            [.. new[] { Width, Height, options.Threads, options.Repeats }.Select(v => v.ToString(CultureInfo.InvariantCulture)),
             .. Scales.Select(s => s.ToString(CultureInfo.InvariantCulture))]);
        var peerMs = peers.GetProperty("results").EnumerateArray().ToDictionary(
            r => (r.GetProperty("peer").GetString()!, r.GetProperty("method").GetString()!, r.GetProperty("scale").GetDouble()),
            r => r.GetProperty("ms").GetDouble());

        NetVips.NetVips.Concurrency = options.Threads;
        NetVips.Cache.Max = 0; // every timing computes; no reuse of a previous result
        using var vipsInput = NetVips.Image.NewFromMemory(bytes, Width, Height, 3, NetVips.Enums.BandFormat.Uchar);

        Console.WriteLine($"Input {Width}x{Height} RGB = {Width * Height / 1e6:F0} MPix; throughput in input MPix/s (time in ms); ours f32 writes into a preallocated image. "
            + $"Peers: OpenCV {peers.GetProperty("versions").GetProperty("cv2").GetString()} ({options.Threads} threads), "
            + $"PIL {peers.GetProperty("versions").GetProperty("PIL").GetString()} (1 thread), libvips {NetVips.NetVips.Version(0)}.{NetVips.NetVips.Version(1)} ({options.Threads} threads).");
        Console.WriteLine();
        Console.WriteLine("| operation | scale | ours f32 planar | ours u8 HWC | OpenCV | PIL | libvips | OpenCV / ours f32 | OpenCV / ours u8 | best AA peer / ours u8 |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
        foreach (double scale in Scales)
        {
            (int outW, int outH) = Resampler.ScaledSize(Width, Height, scale);
            var output = new byte[outW * outH * 3];
            var destination = new PlanarImage(3, outH, outW);
            double Ours(ResampleMethod method, ResampleConvention convention) =>
                Timing.MedianMs(() => Resampler.Resize(planar, destination, method, Options(convention, options.Threads)), options.Repeats);
            double OursU8(ResampleMethod method, ResampleConvention convention) =>
                Timing.MedianMs(() => Resampler.ResizeInterleaved(bytes, Width, Height, 3, output, outW, outH, method, Options(convention, options.Threads)), options.Repeats);
            double Vips(Func<NetVips.Image, NetVips.Image> op) =>
                Timing.MedianMs(() => { using var result = op(vipsInput); _ = result.WriteToMemory<byte>(); }, options.Repeats);
            double? Peer(string peer, string method) => peerMs.TryGetValue((peer, method, scale), out double ms) ? ms : null;
            double hshrink = (double)Width / outW, vshrink = (double)Height / outH;

            Row("area (cv2 INTER_AREA; PIL BOX; vips shrink)", scale,
                Ours(ResampleMethod.Area, ResampleConvention.OpenCv), OursU8(ResampleMethod.Area, ResampleConvention.OpenCv),
                Peer("opencv", "INTER_AREA"), Peer("pil", "BOX"), Vips(i => i.Shrink(hshrink, vshrink)), aaPeerIsCv: true);
            Row("bicubic AA (PIL BICUBIC; vips reduce cubic)", scale,
                Ours(ResampleMethod.Bicubic, ResampleConvention.Pil), OursU8(ResampleMethod.Bicubic, ResampleConvention.Pil),
                null, Peer("pil", "BICUBIC"), Vips(i => i.Reduce(hshrink, vshrink, NetVips.Enums.Kernel.Cubic)), aaPeerIsCv: false);
            Row("bicubic MATLAB (no peer)", scale,
                Ours(ResampleMethod.Bicubic, ResampleConvention.Matlab), OursU8(ResampleMethod.Bicubic, ResampleConvention.Matlab),
                null, null, null, aaPeerIsCv: false);
            Row("bicubic no AA (cv2 INTER_CUBIC)", scale,
                Ours(ResampleMethod.Bicubic, ResampleConvention.OpenCv), OursU8(ResampleMethod.Bicubic, ResampleConvention.OpenCv),
                Peer("opencv", "INTER_CUBIC"), null, null, aaPeerIsCv: false);
            Row("lanczos3 AA (PIL LANCZOS; vips reduce lanczos3)", scale,
                Ours(ResampleMethod.Lanczos3, ResampleConvention.Pil), OursU8(ResampleMethod.Lanczos3, ResampleConvention.Pil),
                null, Peer("pil", "LANCZOS"), Vips(i => i.Reduce(hshrink, vshrink, NetVips.Enums.Kernel.Lanczos3)), aaPeerIsCv: false);
            Row("lanczos4 no AA (cv2 INTER_LANCZOS4)", scale,
                Ours(ResampleMethod.Lanczos4, ResampleConvention.OpenCv), OursU8(ResampleMethod.Lanczos4, ResampleConvention.OpenCv),
                Peer("opencv", "INTER_LANCZOS4"), null, null, aaPeerIsCv: false);
            Row("bilinear no AA (cv2 INTER_LINEAR)", scale,
                Ours(ResampleMethod.Bilinear, ResampleConvention.OpenCv), OursU8(ResampleMethod.Bilinear, ResampleConvention.OpenCv),
                Peer("opencv", "INTER_LINEAR"), null, null, aaPeerIsCv: false);
            Row("DPID lambda=1 (no peer; u8 converts via f32)", scale,
                Ours(ResampleMethod.Dpid, ResampleConvention.Pil), OursU8(ResampleMethod.Dpid, ResampleConvention.Pil),
                null, null, null, aaPeerIsCv: false);
        }

        Console.WriteLine();
        Console.WriteLine($"Peak RSS {Timing.PeakRssMiB():F0} MiB. Ratios above 1 mean ours is faster.");
    }

    private static ResampleOptions Options(ResampleConvention convention, int threads) =>
        new() { Convention = convention, MaxDegreeOfParallelism = threads };

    private static void Row(string name, double scale, double ours, double oursU8, double? cv, double? pil, double? vips, bool aaPeerIsCv)
    {
        double? bestAa = new[] { pil, vips, aaPeerIsCv ? cv : null }.Where(v => v.HasValue).Select(v => v!.Value).DefaultIfEmpty(double.NaN).Min();
        Console.WriteLine(
            $"| {name} | x{scale.ToString(CultureInfo.InvariantCulture)} | {Cell(ours)} | {Cell(oursU8)} | {Cell(cv)} | {Cell(pil)} | {Cell(vips)} "
            + $"| {Ratio(cv, ours)} | {Ratio(cv, oursU8)} | {Ratio(double.IsNaN(bestAa!.Value) ? null : bestAa, oursU8)} |");
    }

    private static string Cell(double? ms) =>
        ms is { } v ? string.Create(CultureInfo.InvariantCulture, $"{Width * Height / 1e6 / (v / 1000):F0} ({v:F1} ms)") : "-";

    private static string Ratio(double? peer, double ours) =>
        peer is { } p ? string.Create(CultureInfo.InvariantCulture, $"{p / ours:F2}x") : "-";

    private static PlanarImage ToPlanar(byte[] hwc)
    {
        var image = new PlanarImage(3, Height, Width);
        Span<float> data = image.Data.Span;
        int plane = image.PlaneLength;
        for (int i = 0; i < plane; i++)
        {
            for (int c = 0; c < 3; c++)
            {
                data[(c * plane) + i] = hwc[(3 * i) + c] / 255f;
            }
        }

        return image;
    }
}
