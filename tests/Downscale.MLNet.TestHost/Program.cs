using Downscale.MLNet;
using Downscale.MLNet.Tests.Hosting;
using Microsoft.ML;

// Usage: Downscale.MLNet.TestHost <model.zip> <inputs.json> <output-folder> [--prediction-engine] [--verify] [--load-only] [--no-register]
// Exit codes: 0 dumped, 3 the model was refused (the exception's type and message on stderr), 2 bad usage.
if (args.Length < 3)
{
    Console.Error.WriteLine("usage: <model.zip> <inputs.json> <output-folder> [--prediction-engine]");
    return 2;
}

var mlContext = new MLContext(seed: 0);
if (!args.Contains("--no-register"))
{
    mlContext.ComponentCatalog.RegisterAssembly(typeof(DownscalingCatalog).Assembly); // the one registration call
}

try
{
    // --verify: Downscale.MLNet's checking loader; otherwise ML.NET's plain Model.Load.
    ITransformer model = args.Contains("--verify")
        ? mlContext.Downscaling().LoadModel(args[0], out DataViewSchema _)
        : mlContext.Model.Load(args[0], out DataViewSchema _);
    if (args.Contains("--load-only"))
    {
        return 0;
    }

    PipelineDump.Write(mlContext, model, args[1], args[2], predictionEngine: args.Contains("--prediction-engine"));

    // Which engines the scoring needed: the assemblies this process loaded (a scoring-only application loads no TorchSharp).
    File.WriteAllLines(Path.Combine(args[2], "assemblies.txt"), AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetName().Name ?? string.Empty));
    return 0;
}
catch (Exception e) when (e is not OutOfMemoryException)
{
    Console.Error.WriteLine($"{e.GetType().FullName}: {e.Message}");
    for (Exception? inner = e.InnerException; inner is not null; inner = inner.InnerException)
    {
        Console.Error.WriteLine($"  inner {inner.GetType().FullName}: {inner.Message}");
    }

    return 3;
}
