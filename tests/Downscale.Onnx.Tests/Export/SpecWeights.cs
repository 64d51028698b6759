using Downscale.Onnx.Export;

namespace Downscale.Onnx.Tests.Export;

/// <summary>Random weights under the state-dict names and shapes of an ADK-Net architecture (the Torch model's names).</summary>
internal static class SpecWeights
{
    public static List<ExportTensor> Random(AdkNetGraphSpec spec, int seed)
    {
        var random = new Random(seed);
        var weights = new List<ExportTensor>();
        int c = spec.Features, taps = spec.KernelSize * spec.KernelSize;

        void Conv(string prefix, int inChannels, int outChannels)
        {
            float bound = 1f / MathF.Sqrt(inChannels * 9);
            weights.Add(new ExportTensor($"{prefix}.weight", [outChannels, inChannels, 3, 3],
                [.. Enumerable.Range(0, outChannels * inChannels * 9).Select(_ => ((random.NextSingle() * 2) - 1) * bound)]));
            weights.Add(new ExportTensor($"{prefix}.bias", [outChannels], [.. Enumerable.Range(0, outChannels).Select(_ => ((random.NextSingle() * 2) - 1) * bound)]));
        }

        void Blocks(string prefix, int count)
        {
            for (int b = 0; b < count; b++)
            {
                Conv($"{prefix}.{b}.conv1", c, c);
                Conv($"{prefix}.{b}.conv2", c, c);
            }
        }

        Conv("feature_extractor.head", spec.InputChannels, c);
        Blocks("feature_extractor.backbone", spec.BackboneBlocks);
        Conv("feature_extractor.tail", c, c);
        Conv("downsample.conv", c * spec.Scale * spec.Scale, c);
        for (int t = 0; t < spec.TrunkCount; t++)
        {
            Blocks($"trunks.{t}.blocks", spec.TrunkBlocks);
            Conv($"trunks.{t}.conv", c, c);
        }

        for (int b = 0; b < spec.BranchCount; b++)
        {
            Blocks($"branches.{b}.blocks", spec.BranchBlocks);
            Conv($"branches.{b}.conv", c, taps);
        }

        return weights;
    }
}
