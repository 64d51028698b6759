using Downscale.Core.Imaging;
using Downscale.Tests;

namespace Downscale.Core.Tests.Architecture;

public class PackageGraphTests
{
    [Fact]
    public void Core_DoesNotPullTheTrainingStackOnnxRuntimeOrSkiaSharp()
    {
        var packages = PackageGraph.PackagesOf("Downscale.Core");

        Assert.Empty(PackageGraph.TrainingStack(packages));
        Assert.DoesNotContain(packages, p => p.StartsWith("microsoft.ml.onnxruntime", StringComparison.Ordinal));
        Assert.DoesNotContain(packages, p => p.StartsWith("skiasharp", StringComparison.Ordinal)); // MLImage lives in Downscale.MLNet
        Assert.Contains("netvips", packages); // sanity: the graph was read
    }

    [Fact]
    public void CoreAssembly_ReferencesNeitherTorchSharpNorOnnxRuntime()
    {
        var references = typeof(PlanarImage).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.DoesNotContain(references, n => n.StartsWith("TorchSharp", StringComparison.Ordinal));
        Assert.DoesNotContain(references, n => n.StartsWith("Microsoft.ML.OnnxRuntime", StringComparison.Ordinal));
        Assert.Contains("System.Runtime", references);
    }
}
