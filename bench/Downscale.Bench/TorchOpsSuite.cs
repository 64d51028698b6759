using System.Globalization;
using Downscale.Torch.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace Downscale.Bench;

/// <summary>
/// libtorch kernels through TorchSharp against Debian's PyTorch on the same shapes and thread count: a 64→64 3x3 conv2d
/// forward on 1x64x256x256 and a 1024x1024 matmul. Ours and the peer alternate, round by round, in one run.
/// </summary>
internal sealed class TorchOpsSuite : IBenchSuite
{
    private const int Rounds = 3;

    public string Name => "torch-ops";

    public string Description => "conv2d 64->64 3x3 on 1x64x256x256 and 1024^2 matmul: TorchSharp vs Debian's PyTorch";

    public void Run(BenchOptions options)
    {
        TorchNative.EnsureLoaded();
        torch.set_num_threads(options.Threads);
        using var noGrad = no_grad();
        using var generator = new Generator(0);
        using var x = randn([1, 64, 256, 256], generator: generator);
        using var w = randn([64, 64, 3, 3], generator: generator) * 0.05;
        using var b = randn([64], generator: generator);
        using var a = randn([1024, 1024], generator: generator);
        using var c = randn([1024, 1024], generator: generator);
        var ops = new (string Name, Action Body)[]
        {
            ("conv2d", () => { using var y = nn.functional.conv2d(x, w, b, padding: [1, 1]); }),
            ("matmul", () => { using var y = a.matmul(c); }),
        };

        string peerVersion = "?";
        Console.WriteLine("| op | TorchSharp (libtorch) ms | PyTorch (Debian) ms | ratio ours/peer |");
        Console.WriteLine("|---|---:|---:|---:|");
        foreach (var (name, body) in ops)
        {
            var ours = new List<double>();
            var peer = new List<double>();
            for (int round = 0; round < Rounds; round++)
            {
                ours.Add(Timing.MedianMs(body, options.Repeats));
                var result = PythonPeer.Run("torch_ops.py", "--op", name, "--threads", Invariant(options.Threads), "--repeats", Invariant(options.Repeats));
                peer.Add(result.GetProperty("median_ms").GetDouble());
                peerVersion = result.GetProperty("torch").GetString() ?? "?";
            }

            double oursMs = Median(ours), peerMs = Median(peer);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {oursMs:F2} | {peerMs:F2} | {oursMs / peerMs:F2} |"));
        }

        Console.WriteLine();
        Console.WriteLine($"TorchSharp {typeof(torch).Assembly.GetName().Version} (libtorch {torch.__version__}) vs PyTorch {peerVersion}; "
            + $"median over {Rounds} alternating rounds of each side's median of {options.Repeats}; peak RSS {Timing.PeakRssMiB():F0} MiB.");
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }
}
