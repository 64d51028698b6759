using Downscale.Onnx;
using Downscale.Onnx.Export;
using Downscale.Onnx.Runtime;
using Downscale.Tests;
using Downscale.Torch.Export;
using Downscale.Torch.Models;
using Downscale.Torch.Models.AdkNet;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Downscale.Torch.Tests.Export;

/// <summary>The module walker: what it refuses (by name, writing nothing) and what it records.</summary>
public class AdkNetOnnxExporterTests
{
    private static readonly AdkNetOptions Small = new() { Scale = 2, Features = 4, BackboneBlocks = 1, TrunkBlocks = 1, BranchBlocks = 1 };

    [Fact]
    public void Export_ModelOfAnotherKind_IsRefusedByTypeAndNothingIsWritten()
    {
        using var other = new TinyConvDownscaler(2);
        string folder = TestPaths.NewTempFolder();

        var error = Assert.Throws<OnnxExportException>(() => AdkNetOnnxExporter.Export(other, Path.Combine(folder, "x.onnx")));

        Assert.Contains("TinyConvDownscaler", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(folder));
    }

    [Fact]
    public void Export_AdkNetWithAModuleRegisteredOnTop_NamesThatModule()
    {
        using var model = new AdkNet(Small);
        model.register_module("post", Sigmoid());
        string folder = TestPaths.NewTempFolder();

        var error = Assert.Throws<OnnxExportException>(() => AdkNetOnnxExporter.Export(model, Path.Combine(folder, "x.onnx")));

        Assert.Contains("'post' (Sigmoid)", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(folder));
    }

    [Fact]
    public void Export_ConvolutionWithAnotherConfiguration_NamesItAndSaysWhy()
    {
        using var model = new AdkNet(Small);
        var head = (TorchSharp.Modules.Conv2d)model.named_modules().Single(m => m.name == "feature_extractor.head").module;
        head.padding_mode = PaddingModes.Zeros;

        var error = Assert.Throws<OnnxExportException>(() => AdkNetOnnxExporter.Serialize(model));

        Assert.Contains("'feature_extractor.head'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Zeros", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2, null, KernelGeneratorSharing.PerChannel, false)]
    [InlineData(3, 8, KernelGeneratorSharing.SharedTrunk, true)]
    [InlineData(4, 2, KernelGeneratorSharing.SingleStream, false)]
    [InlineData(2, 10, KernelGeneratorSharing.PerChannel, false)]
    public void Export_RecordsTheModelsReachAndArchitecture(int scale, int? kernel, KernelGeneratorSharing sharing, bool fieldAware)
    {
        using var model = new AdkNet(Small with { Scale = scale, KernelSize = kernel, GeneratorSharing = sharing, FieldAware = fieldAware });

        using OnnxDownscaler onnx = OnnxDownscaler.FromBytes(AdkNetOnnxExporter.Serialize(model, "camsim"), "x.onnx");

        Assert.Equal(model.ReceptiveFieldRadius, onnx.HaloHr);
        Assert.Equal(model.Scale, onnx.Scale);
        Assert.Equal(fieldAware, onnx.FieldAware);
        Assert.Equal("camsim", onnx.Metadata[OnnxDownscalerContract.TrainingProtocolKey]);
        foreach (var (key, value) in model.Options.ToMetadata())
        {
            Assert.Equal(value, onnx.Metadata[key]); // the safetensors architecture keys travel along
        }
    }

    [Fact]
    public void WeightsHash_IsTheSameForTheSameWeights_AndChangesWithThem()
    {
        string folder = TestPaths.NewTempFolder();
        using var model = new AdkNet(Small);
        model.Save(Path.Combine(folder, "a.safetensors"));
        using var reloaded = AdkNet.Load(Path.Combine(folder, "a.safetensors"));

        string Hash(AdkNet m)
        {
            using OnnxDownscaler onnx = OnnxDownscaler.FromBytes(AdkNetOnnxExporter.Serialize(m), "x.onnx");
            return onnx.Metadata[OnnxDownscalerContract.WeightsHashKey];
        }

        string original = Hash(model);
        Assert.Equal(original, Hash(reloaded));
        using (no_grad())
        {
            reloaded.parameters().First().flatten()[0].add_(1e-3f);
        }

        Assert.NotEqual(original, Hash(reloaded));
    }
}
