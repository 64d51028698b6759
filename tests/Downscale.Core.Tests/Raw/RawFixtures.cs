using System.Runtime.InteropServices;
using System.Text.Json;
using Downscale.Tests;

namespace Downscale.Core.Tests.Raw;

/// <summary>Reads tests/fixtures/raw (made by tools/fixtures/make_raw_fixtures.py).</summary>
internal static class RawFixtures
{
    private static readonly Lazy<JsonDocument> ManifestDocument =
        new(() => JsonDocument.Parse(File.ReadAllBytes(Path("raw_fixtures.json"))));

    public static JsonElement Manifest => ManifestDocument.Value.RootElement;

    public static string Path(string file) => TestPaths.Fixture("raw", file);

    public static JsonElement Entry(string name) => Manifest.GetProperty(name);

    public static float[] Floats(JsonElement entry) => Read<float>(entry, "float32");

    public static ushort[] UShorts(JsonElement entry) => Read<ushort>(entry, "uint16");

    public static byte[] Bytes(JsonElement entry) => Read<byte>(entry, "uint8");

    public static int[] Shape(JsonElement entry) => entry.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()).ToArray();

    /// <summary>A Set14 file of the shared pairs-v1 data.</summary>
    public static string Shared(params string[] parts) => System.IO.Path.Combine([TestPaths.SharedData, "Set14", .. parts]);

    public static IEnumerable<string> Set14Stems() =>
        Directory.GetFiles(Shared("HR"), "*.png").Select(System.IO.Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!;

    private static T[] Read<T>(JsonElement entry, string dtype)
        where T : struct
    {
        Assert.Equal(dtype, entry.GetProperty("dtype").GetString());
        byte[] bytes = File.ReadAllBytes(Path(entry.GetProperty("file").GetString()!));
        return MemoryMarshal.Cast<byte, T>(bytes).ToArray();
    }
}
