using Downscale.Torch.Models.AdkNet;
using Downscale.Torch.Safetensors;

namespace Downscale.Torch.Tests.Models;

public class AdkNetOptionsTests
{
    [Theory]
    [InlineData(2, 5)]
    [InlineData(3, 7)]
    [InlineData(4, 9)]
    public void Defaults_AreThePapers(int scale, int kernel)
    {
        var options = new AdkNetOptions { Scale = scale };

        Assert.Equal(kernel, options.EffectiveKernelSize);
        Assert.Equal((64, 4, 3, 2), (options.Features, options.BackboneBlocks, options.TrunkBlocks, options.BranchBlocks));
        Assert.Equal(KernelGeneratorSharing.PerChannel, options.GeneratorSharing);
        Assert.Equal(GeneratorBlockKind.Residual, options.GeneratorBlocks);
        Assert.Equal(KernelNormalization.TwoStage, options.Normalization);
        Assert.False(options.FieldAware);
        Assert.Equal(3, options.InputChannels);
        Assert.Equal((3, 3), (options.TrunkCount, options.BranchCount));
    }

    [Theory]
    [InlineData(KernelGeneratorSharing.PerChannel, 3, 3)]
    [InlineData(KernelGeneratorSharing.SharedTrunk, 1, 3)]
    [InlineData(KernelGeneratorSharing.SingleStream, 1, 1)]
    public void Sharing_DecidesTrunkAndBranchCounts(KernelGeneratorSharing sharing, int trunks, int branches)
    {
        var options = new AdkNetOptions { Scale = 2, GeneratorSharing = sharing };

        Assert.Equal((trunks, branches), (options.TrunkCount, options.BranchCount));
    }

    [Fact]
    public void FieldAware_TakesFivePlanes() =>
        Assert.Equal(5, new AdkNetOptions { Scale = 2, FieldAware = true }.InputChannels);

    public static TheoryData<string, Func<AdkNetOptions>> InvalidValues() => new()
    {
        { "Scale", () => new AdkNetOptions { Scale = 1 } },
        { "Scale", () => new AdkNetOptions { Scale = 9 } },
        { "Features", () => new AdkNetOptions { Scale = 2, Features = 0 } },
        { "KernelSize", () => new AdkNetOptions { Scale = 2, KernelSize = 1 } },
        { "TrunkBlocks", () => new AdkNetOptions { Scale = 2, TrunkBlocks = -1 } },
        { "Epsilon", () => new AdkNetOptions { Scale = 2, Epsilon = 0 } },
        { "Epsilon", () => new AdkNetOptions { Scale = 2, Epsilon = double.NaN } },
        { "Normalization", () => new AdkNetOptions { Scale = 2, Normalization = (KernelNormalization)7 } },
        { "GeneratorSharing", () => new AdkNetOptions { Scale = 2, GeneratorSharing = (KernelGeneratorSharing)(-1) } },
    };

    [Theory]
    [MemberData(nameof(InvalidValues))]
    public void InvalidValue_FailsWhenSet_NamingTheOption(string name, Func<AdkNetOptions> create)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => create());
        Assert.Equal(name, error.ParamName);
    }

    [Fact]
    public void KernelWiderThanFourScalesPlusTwo_FailsValidation()
    {
        var options = new AdkNetOptions { Scale = 2, KernelSize = 11 };

        var error = Assert.Throws<ArgumentException>(options.Validate);
        Assert.Contains("at most 10", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new AdkNet(options));
    }

    [Fact]
    public void Metadata_RoundTrips_WithTheKernelSizeSpelledOut()
    {
        var options = new AdkNetOptions
        {
            Scale = 3, Features = 16, TrunkBlocks = 1, GeneratorSharing = KernelGeneratorSharing.SingleStream,
            GeneratorBlocks = GeneratorBlockKind.Plain, Normalization = KernelNormalization.SumOnly, FieldAware = true, Epsilon = 1e-5,
        };

        Dictionary<string, string> metadata = AdkNetMetadata.Write(options);

        Assert.Equal("7", metadata["kernel_size"]);
        Assert.Equal("single", metadata["generator_sharing"]);
        Assert.Equal("sum_only", metadata["normalization"]);
        Assert.Equal(options with { KernelSize = 7 }, AdkNetMetadata.Read(metadata, "x.safetensors"));
    }

    [Theory]
    [InlineData("format", null, "not an ADK-Net weight file")]
    [InlineData("scale", null, "lacks 'scale'")]
    [InlineData("scale", "four", "'scale' is 'four', not a number")]
    [InlineData("scale", "12", "Scale must be in [2, 8]")]
    [InlineData("normalization", "l2", "expected one of two_stage, sum_only, min_max_only")]
    [InlineData("kernel_size", "40", "KernelSize")]
    [InlineData("format_version", "2", "version 2")]
    public void Metadata_Invalid_IsRefusedWithTheKeyNamed(string key, string? value, string expected)
    {
        Dictionary<string, string> metadata = AdkNetMetadata.Write(new AdkNetOptions { Scale = 2 });
        if (value is null)
        {
            metadata.Remove(key);
        }
        else
        {
            metadata[key] = value;
        }

        var error = Assert.Throws<SafetensorsFormatException>(() => AdkNetMetadata.Read(metadata, "m.safetensors"));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("m.safetensors", error.Message, StringComparison.Ordinal);
    }
}
