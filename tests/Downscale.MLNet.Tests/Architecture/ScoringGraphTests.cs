using Downscale.Tests;

namespace Downscale.MLNet.Tests.Architecture;

/// <summary>A scoring-only application (Downscale.MLNet) gets no training stack; the TorchSharp face is a separate assembly.</summary>
public sealed class ScoringGraphTests
{
    [Fact]
    public void DownscaleMLNet_PullsNoTorchSharpOrLibtorch()
    {
        IReadOnlySet<string> packages = PackageGraph.PackagesOf("Downscale.MLNet");

        Assert.Contains("microsoft.ml.imageanalytics", packages);
        Assert.Empty(PackageGraph.TrainingStack(packages));
    }

    [Fact]
    public void DownscaleMLNetTorch_IsWhereTorchSharpComesIn()
    {
        Assert.NotEmpty(PackageGraph.TrainingStack(PackageGraph.PackagesOf("Downscale.MLNet.Torch")));
        Assert.DoesNotContain(typeof(DownscalingCatalog).Assembly.GetReferencedAssemblies(), a => a.Name!.StartsWith("TorchSharp", StringComparison.Ordinal));
    }
}
