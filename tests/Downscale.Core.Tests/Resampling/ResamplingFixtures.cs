using System.IO.Compression;
using System.Text.Json;
using Downscale.Core.Imaging;
using Downscale.Tests;

namespace Downscale.Core.Tests.Resampling;

/// <summary>One peer output from tests/fixtures/resampling (made by tools/fixtures/make_resampling_fixtures.py).</summary>
public sealed record PeerCase(string Case, string Peer, string Method, int Width, int Height, string DType, string File)
{
    /// <inheritdoc />
    public override string ToString() => $"{Peer} {Method} {Case} ({Width}x{Height})";
}

/// <summary>Loads the committed resampling fixtures.</summary>
internal static class ResamplingFixtures
{
    private static readonly Lazy<(PeerCase[] Cases, int Width, int Height, byte[] Input)> Index = new(Load);

    public static IReadOnlyList<PeerCase> Cases => Index.Value.Cases;

    /// <summary>The 96 x 132 RGB test image, HWC bytes.</summary>
    public static byte[] InputBytes => Index.Value.Input;

    public static int InputWidth => Index.Value.Width;

    public static int InputHeight => Index.Value.Height;

    /// <summary>The test image as a planar float image (value / 255).</summary>
    public static PlanarImage Input() => Planar(InputBytes, InputWidth, InputHeight, 3, v => v / 255f);

    /// <summary>The test image mapped to 0.25 + 0.5 · v / 255, the input of the torch fixtures.</summary>
    public static PlanarImage MidRangeInput() => Planar(InputBytes, InputWidth, InputHeight, 3, v => (v / 255f * 0.5f) + 0.25f);

    public static PeerCase Find(string peer, string method, string @case) =>
        Cases.Single(c => c.Peer == peer && c.Method == method && c.Case == @case);

    public static byte[] ReadBytes(PeerCase peerCase) => Decompress(peerCase.File);

    public static float[] ReadFloats(PeerCase peerCase)
    {
        byte[] raw = Decompress(peerCase.File);
        var values = new float[raw.Length / 4];
        Buffer.BlockCopy(raw, 0, values, 0, raw.Length);
        return values;
    }

    /// <summary>HWC values to a CHW image.</summary>
    public static PlanarImage Planar<T>(T[] hwc, int width, int height, int channels, Func<T, float> map)
    {
        var image = new PlanarImage(channels, height, width);
        Span<float> data = image.Data.Span;
        for (int i = 0; i < width * height; i++)
        {
            for (int c = 0; c < channels; c++)
            {
                data[(c * image.PlaneLength) + i] = map(hwc[(i * channels) + c]);
            }
        }

        return image;
    }

    private static byte[] Decompress(string file)
    {
        using var stream = new GZipStream(File.OpenRead(TestPaths.Fixture("resampling", file)), CompressionMode.Decompress);
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }

    private static (PeerCase[], int, int, byte[]) Load()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(TestPaths.Fixture("resampling", "index.json")));
        JsonElement root = document.RootElement;
        JsonElement input = root.GetProperty("input");
        var cases = root.GetProperty("cases").EnumerateArray().Select(e => new PeerCase(
            e.GetProperty("case").GetString()!, e.GetProperty("peer").GetString()!, e.GetProperty("method").GetString()!,
            e.GetProperty("width").GetInt32(), e.GetProperty("height").GetInt32(), e.GetProperty("dtype").GetString()!,
            e.GetProperty("file").GetString()!)).ToArray();
        return (cases, input.GetProperty("width").GetInt32(), input.GetProperty("height").GetInt32(), Decompress(input.GetProperty("file").GetString()!));
    }
}
