using System.Reflection;
using Downscale.Bench;

// Hidden sub-command: one ADK-Net measurement in a fresh process (AdkNetSuite runs it for its own peak RSS).
if (args.Length > 0 && args[0] == AdkNetChild.Verb)
{
    return AdkNetChild.Run(args[1..]);
}

// Hidden sub-command: one ONNX Runtime measurement in a fresh process (OnnxSuite).
if (args.Length > 0 && args[0] == OnnxChild.Verb)
{
    return OnnxChild.Run(args[1..]);
}

// Hidden sub-command: one RAW wavelet measurement in a fresh process (RawWaveletSuite).
if (args.Length > 0 && args[0] == RawWaveletChild.Verb)
{
    return RawWaveletChild.Run(args[1..]);
}

// Finds every IBenchSuite in this assembly, so a new suite is one new file.
var suites = Assembly.GetExecutingAssembly().GetTypes()
    .Where(t => typeof(IBenchSuite).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
    .Select(t => (IBenchSuite)Activator.CreateInstance(t)!)
    .OrderBy(s => s.Name, StringComparer.Ordinal)
    .ToList();

int threads = 2;
int repeats = 5;
var names = new List<string>();
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--threads": threads = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
        case "--repeats": repeats = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
        case "--list":
            foreach (var s in suites)
            {
                Console.WriteLine($"{s.Name,-16} {s.Description}");
            }

            return 0;
        default: names.Add(args[i]); break;
    }
}

if (names.Count == 0)
{
    Console.Error.WriteLine("usage: Downscale.Bench [--threads N] [--repeats N] (--list | all | SUITE...)");
    return 2;
}

var options = new BenchOptions(threads, repeats);
foreach (var suite in suites.Where(s => names.Contains("all") || names.Contains(s.Name)))
{
    Console.WriteLine($"## {suite.Name}: {suite.Description} ({threads} threads, median of {repeats})");
    suite.Run(options);
    Console.WriteLine();
}

return 0;
