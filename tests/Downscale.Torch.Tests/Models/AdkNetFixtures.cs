using System.Text.Json;
using Downscale.Tests;
using Downscale.Torch.Safetensors;
using static TorchSharp.torch;

namespace Downscale.Torch.Tests.Models;

/// <summary>The PyTorch reference's fixtures (tools/fixtures/make_adknet_fixtures.py) under tests/fixtures/adknet.</summary>
internal static class AdkNetFixtures
{
    private static readonly Lazy<JsonElement[]> Index = new(() =>
        [.. JsonDocument.Parse(File.ReadAllText(TestPaths.Fixture("adknet", "cases.json"))).RootElement.GetProperty("cases").EnumerateArray()]);

    public static IEnumerable<string> Names => Index.Value.Select(c => c.GetProperty("name").GetString()!);

    public static string Weights(string name) => TestPaths.Fixture("adknet", $"{name}.safetensors");

    /// <summary>"input", "output" and "kernels" (N, G, k*k, h, w) as PyTorch computed them; the caller disposes.</summary>
    public static Dictionary<string, Tensor> Io(string name) => SafetensorsFile.Load(TestPaths.Fixture("adknet", $"{name}.io.safetensors"));

    /// <summary>PyTorch's state_dict() key order.</summary>
    public static string[] Keys(string name) => [.. Case(name).GetProperty("keys").EnumerateArray().Select(k => k.GetString()!)];

    public static int ReceptiveFieldRadius(string name) => Case(name).GetProperty("receptive_field_radius").GetInt32();

    private static JsonElement Case(string name) => Index.Value.Single(c => c.GetProperty("name").GetString() == name);
}
