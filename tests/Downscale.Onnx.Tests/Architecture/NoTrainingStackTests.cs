using Downscale.Core.Imaging;
using Downscale.Core.Raw;
using Downscale.Onnx.Runtime;
using Downscale.Onnx.Tests.Runtime;

namespace Downscale.Onnx.Tests.Architecture;

/// <summary>Scoring an exported model works in a process that never loads TorchSharp (this test project does not reference it).</summary>
public class NoTrainingStackTests
{
    [Fact]
    public void ScoringAnExportedAdkNet_LoadsNeitherTorchSharpNorLibtorch()
    {
        using OnnxDownscaler model = OnnxDownscaler.Load(OnnxFixtures.Model("s2_k5"));
        PlanarImage output = model.Downscale(OnnxFixtures.Input("s2_k5"));

        Assert.Equal((3, 12, 18), (output.Channels, output.Height, output.Width));
        AssertNoTrainingStack();
    }

    [Fact]
    public void ScoringAnExportedRawWaveletModel_LoadsNeitherTorchSharpNorLibtorch()
    {
        using RawOnnxDownscaler model = RawOnnxDownscaler.Load(OnnxFixtures.Raw.Model("improved_x13"));
        RawFrame lr = model.Downscale(new RawFrame(Downscale.Tests.TestImages.Random(1, 90, 118, seed: 2), CfaPattern.Rggb, new RawMetadata()));

        Assert.Equal((70, 90), (lr.Height, lr.Width));
        AssertNoTrainingStack();
    }

    private static void AssertNoTrainingStack()
    {
        string[] assemblies = [.. AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetName().Name!)];
        Assert.Contains("Microsoft.ML.OnnxRuntime", assemblies);
        Assert.DoesNotContain(assemblies, name => name.StartsWith("TorchSharp", StringComparison.Ordinal) || name == "Downscale.Torch");
        string maps = File.ReadAllText("/proc/self/maps");
        Assert.Contains("libonnxruntime", maps, StringComparison.Ordinal);
        Assert.DoesNotContain("libtorch", maps, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(AppContext.BaseDirectory, "TorchSharp.dll")), "TorchSharp is not even in this test's output");
    }
}
