using Downscale.Core.Raw;
using Downscale.Onnx;
using Downscale.Onnx.Export;
using Downscale.Tests;
using Downscale.Torch.Export;
using Downscale.Torch.Models.AdkNet;
using Downscale.Torch.Models.RawWavelet;
using Microsoft.ML.OnnxRuntime;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Downscale.Torch.Tests.Export;

/// <summary>The RAW wavelet module walker and exporter: what it refuses (by name, writing nothing) and what it records.</summary>
public class RawWaveletOnnxExporterTests
{
    private static readonly RawWaveletOptions Small = new()
    {
        Scale = RationalScale.Parse("13/10"), Features = 2, Levels = 1, LasdmBlocks = 0, HfpmBlocks = 1,
        Merge = LasdmMerge.Separable, Base = RawBaseInterpolation.Bilinear,
    };

    [Fact]
    public void Export_ModelOfAnotherKind_IsRefusedByTypeAndNothingIsWritten()
    {
        using var other = new AdkNet(new AdkNetOptions { Scale = 2, Features = 2 });
        string folder = TestPaths.NewTempFolder();

        var error = Assert.Throws<OnnxExportException>(() => RawWaveletOnnxExporter.Export(other, Path.Combine(folder, "x.onnx")));

        Assert.Contains("AdkNet", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(folder));
    }

    [Fact]
    public void Export_ModuleRegisteredOnTop_NamesThatModuleAndWritesNothing()
    {
        using var model = new RawWaveletNet(Small);
        model.register_module("post", Sigmoid());
        string folder = TestPaths.NewTempFolder();

        var error = Assert.Throws<OnnxExportException>(() => RawWaveletOnnxExporter.Export(model, Path.Combine(folder, "x.onnx")));

        Assert.Contains("'post' (Sigmoid)", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(folder));
    }

    [Fact]
    public void Export_ConvolutionWithAnotherConfiguration_NamesItAndSaysWhy()
    {
        using var model = new RawWaveletNet(Small);
        var head = (TorchSharp.Modules.Conv2d)model.named_modules().Single(m => m.name == "levels.0.a_head").module;
        head.padding_mode = PaddingModes.Reflect;

        var error = Assert.Throws<OnnxExportException>(() => RawWaveletOnnxExporter.Serialize(model));

        Assert.Contains("'levels.0.a_head'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Reflect", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExportOfAWeightFile_RecordsTheArchitectureAndTheWeightsHash()
    {
        string folder = TestPaths.NewTempFolder();
        using var model = new RawWaveletNet(Small with { Wavelet = Core.Wavelets.HaarNormalization.Average });
        model.Save(Path.Combine(folder, "raw.safetensors"));

        RawWaveletOnnxExporter.Export(Path.Combine(folder, "raw.safetensors"), Path.Combine(folder, "raw.onnx"));

        using var session = new InferenceSession(Path.Combine(folder, "raw.onnx"));
        Dictionary<string, string> metadata = session.ModelMetadata.CustomMetadataMap;
        Assert.Equal("raw_wavelet", metadata[RawOnnxContract.FormatKey]);
        Assert.Equal("13/10", metadata[RawOnnxContract.ScaleKey]);
        Assert.Equal("1", metadata[RawOnnxContract.LevelsKey]);
        Assert.Equal("2", metadata[RawOnnxContract.FeaturesKey]);
        Assert.Equal("separable", metadata[RawOnnxContract.MergeKey]);
        Assert.Equal("average", metadata[RawOnnxContract.WaveletKey]);
        Assert.Equal("bilinear", metadata[RawOnnxContract.BaseKey]);
        Assert.Equal("26", metadata[RawOnnxContract.InputBlockKey]);
        Assert.Equal("20", metadata[RawOnnxContract.OutputBlockKey]);
        Assert.Equal(WeightsHash.Compute(StateDictExport.Float32(model)), metadata[OnnxDownscalerContract.WeightsHashKey]);
        Assert.Equal(["raw.onnx", "raw.safetensors"], Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }
}
