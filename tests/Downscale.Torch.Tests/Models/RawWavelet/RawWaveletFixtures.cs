using System.Text.Json;
using Downscale.Tests;
using Downscale.Torch.Safetensors;
using static TorchSharp.torch;

namespace Downscale.Torch.Tests.Models.RawWavelet;

/// <summary>The PyTorch reference's fixtures (tools/fixtures/make_raw_wavelet_fixtures.py) under tests/fixtures/raw_wavelet.</summary>
internal static class RawWaveletFixtures
{
    private static readonly Lazy<JsonElement[]> Index = new(() =>
        [.. JsonDocument.Parse(File.ReadAllText(TestPaths.Fixture("raw_wavelet", "cases.json"))).RootElement.GetProperty("cases").EnumerateArray()]);

    public static IEnumerable<string> Names => Index.Value.Select(c => c.GetProperty("name").GetString()!);

    /// <summary>Cases that also hold an odd-size HR run through the protocol's grid.</summary>
    public static IEnumerable<string> DownscaleNames => Index.Value
        .Where(c => c.GetProperty("lr_any").ValueKind != JsonValueKind.Null).Select(c => c.GetProperty("name").GetString()!);

    public static string Weights(string name) => TestPaths.Fixture("raw_wavelet", $"{name}.safetensors");

    /// <summary>"input", "output", "target", "loss_*" (and "hr_any", "lr_any") as PyTorch computed them; the caller disposes.</summary>
    public static Dictionary<string, Tensor> Io(string name) => SafetensorsFile.Load(TestPaths.Fixture("raw_wavelet", $"{name}.io.safetensors"));

    /// <summary>PyTorch's state_dict() key order.</summary>
    public static string[] Keys(string name) =>
        [.. Index.Value.Single(c => c.GetProperty("name").GetString() == name).GetProperty("keys").EnumerateArray().Select(k => k.GetString()!)];

    public static void AssertClose(Tensor expected, Tensor actual, string what, float tolerance = 1e-4f)
    {
        Assert.Equal(expected.shape, actual.shape);
        float maxError = (actual - expected).abs().max().item<float>();
        Assert.True(maxError <= tolerance, $"{what}: max |TorchSharp - PyTorch| = {maxError}");
    }
}
