using System.CommandLine;
using Downscale.Core.Data;
using Downscale.Core.Raw;
using Downscale.Torch.Models.RawWavelet;
using Spectre.Console;

namespace Downscale.Cli.Commands;

/// <summary>
/// <c>downscale raw eval</c>: scores RAW-domain interpolation baselines and RAW wavelet models on a set's <c>raw</c>
/// pairs, in the RAW domain and in sRGB after the fixed ISP (the RAW paper's Tables 1 and 2).
/// </summary>
internal static class RawEvalCommand
{
    public static Command Create()
    {
        var set = new Option<string>("--set") { Description = "A set folder with RAW pairs (<set>/RAW/HR, <set>/RAW/LR_x<scale>), for example ../shared/data/Set14.", Required = true };
        var scale = RawOptions.Scale();
        var methods = new Option<string[]>("--methods") { Description = $"RAW-domain baselines ({string.Join(", ", RawOptions.Baselines.Keys)}); default: all, unless --models is given.", AllowMultipleArgumentsPerToken = true };
        var domain = new Option<string>("--domain") { Description = "Where the baselines interpolate: packed (each packed plane), demosaicked (the ISP's demosaic, then RGGB sampling) or both.", DefaultValueFactory = _ => "both" };
        domain.AcceptOnlyFromAmong("packed", "demosaicked", "both");
        var models = new Option<string[]>("--models") { Description = "RAW wavelet weights (.safetensors) to score; each row is named by its file (a best.safetensors by its run folder).", AllowMultipleArgumentsPerToken = true };
        var json = new Option<string?>("--json") { Description = "Also write the scores (mean and per image for each method) to this JSON file, atomically." };
        var threads = new Option<int?>("--threads") { Description = "libtorch threads (default: physical cores)." };
        var command = new Command("eval", "Score RAW baselines and RAW wavelet models on a set's RAW pairs, in the RAW domain and in sRGB.")
        {
            set, scale, methods, domain, models, json, threads,
        };
        command.SetAction(parse => CommandErrors.Guard(() =>
        {
            string folder = parse.GetValue(set)!;
            RationalScale s = RationalScale.Parse(parse.GetValue(scale)!);
            if (parse.GetValue(threads) is int count)
            {
                TorchSharp.torch.set_num_threads(count);
            }

            string[] modelPaths = parse.GetValue(models) ?? [];
            string[] names = parse.GetValue(methods) is { Length: > 0 } chosen ? chosen : modelPaths.Length > 0 ? [] : [.. RawOptions.Baselines.Keys];
            RawInterpolationDomain[] domains = parse.GetValue(domain) switch
            {
                "packed" => [RawInterpolationDomain.PackedPlanes],
                "demosaicked" => [RawInterpolationDomain.Demosaicked],
                _ => [RawInterpolationDomain.PackedPlanes, RawInterpolationDomain.Demosaicked],
            };
            var downscalers = names
                .SelectMany(name => domains.Select(d => (Name: $"{name} ({(d == RawInterpolationDomain.PackedPlanes ? "packed" : "demosaicked")})", Run: RawOptions.Baseline(name, d))))
                .Concat(modelPaths.Select(path => (Name: ModelNames.Of(path), Run: ModelDownscaler(path, s))))
                .ToList();
            var pairs = PairsV1DataSet.EnumerateRaw(folder, s.Factor).ToList();

            var results = new List<(string Method, IReadOnlyList<RawScores> PerImage)>();
            AnsiConsole.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new ElapsedTimeColumn()).Start(context =>
            {
                var task = context.AddTask($"x{s} raw, {pairs.Count} images", maxValue: downscalers.Count);
                foreach (var downscaler in downscalers)
                {
                    results.Add((downscaler.Name, RawEvaluation.Evaluate(pairs, s, downscaler.Run)));
                    task.Increment(1);
                }
            });

            string setName = Path.GetFileName(Path.TrimEndingDirectorySeparator(folder));
            RawScoreTable.Write(
                $"{setName} RAW x{s}, ground truth RAW/LR_x{s.Factor}, border crop {RawEvaluation.CropBorder(s)}",
                [.. results.Select(r => (r.Method, RawEvaluation.Mean(r.PerImage)))]);
            if (parse.GetValue(json) is { } jsonPath)
            {
                RawScoreTable.WriteJson(jsonPath, setName, s, results);
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>Loads a model once for the life of the command; each call downscales a whole frame onto the pair's grid.</summary>
    private static Func<RawFrame, RawDownscalePlan, Core.Imaging.PlanarImage> ModelDownscaler(string path, RationalScale scale)
    {
        RawWaveletNet model = RawWaveletNet.Load(path);
        if (model.Scale != scale)
        {
            model.Dispose();
            throw new ArgumentException($"The model '{path}' downscales by {model.Scale}, but the set is scored at x{scale}.");
        }

        return (hr, plan) => model.Downscale(hr, plan.Lr).Mosaic;
    }
}
