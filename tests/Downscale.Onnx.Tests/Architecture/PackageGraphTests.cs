using Downscale.Tests;

namespace Downscale.Onnx.Tests.Architecture;

public class PackageGraphTests
{
    [Fact]
    public void Onnx_ScoringPathDoesNotPullTheTrainingStack()
    {
        var packages = PackageGraph.PackagesOf("Downscale.Onnx");

        Assert.Empty(PackageGraph.TrainingStack(packages));
        Assert.Contains("microsoft.ml.onnxruntime", packages); // sanity: the graph was read
    }

    [Fact]
    public void OnnxAssembly_DoesNotReferenceTorchSharpOrOurTorchAssembly()
    {
        var references = typeof(Downscale.Onnx.Runtime.OrtImageExtensions).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.DoesNotContain(references, n => n.StartsWith("TorchSharp", StringComparison.Ordinal));
        Assert.DoesNotContain("Downscale.Torch", references);
        Assert.Contains("Microsoft.ML.OnnxRuntime", references);
    }
}
