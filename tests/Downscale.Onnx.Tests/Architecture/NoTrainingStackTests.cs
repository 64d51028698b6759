using Downscale.Core.Imaging;
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
        string[] assemblies = [.. AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetName().Name!)];
        Assert.Contains("Microsoft.ML.OnnxRuntime", assemblies);
        Assert.DoesNotContain(assemblies, name => name.StartsWith("TorchSharp", StringComparison.Ordinal) || name == "Downscale.Torch");
        string maps = File.ReadAllText("/proc/self/maps");
        Assert.Contains("libonnxruntime", maps, StringComparison.Ordinal);
        Assert.DoesNotContain("libtorch", maps, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(AppContext.BaseDirectory, "TorchSharp.dll")), "TorchSharp is not even in this test's output");
    }
}
