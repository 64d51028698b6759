using System.Text.Json;
using Downscale.Tests;
using Microsoft.ML;

namespace Downscale.MLNet.Tests.Downstream;

/// <summary>The rendered text lines of tests/fixtures/ocr (tools/fixtures/make_ocr_fixtures.py) and OCR accuracy against them.</summary>
internal static class TextLines
{
    /// <summary>The folder of the line images.</summary>
    public static string Folder => TestPaths.Fixture("ocr");

    /// <summary>File name to text, in file order.</summary>
    public static IReadOnlyList<(string File, string Text)> All { get; } =
        [.. JsonSerializer.Deserialize<SortedDictionary<string, string>>(File.ReadAllText(TestPaths.Fixture("ocr", "labels.json")))!.Select(p => (p.Key, p.Value))];

    /// <summary>A data view with a <c>File</c> column (relative to <see cref="Folder"/>).</summary>
    public static IDataView Rows(MLContext mlContext, int count = int.MaxValue) =>
        mlContext.Data.LoadFromEnumerable(All.Take(count).Select(l => new LineRow { File = l.File }).ToList());

    /// <summary>Exact matches and character accuracy (1 - edit distance / length), spaces ignored, in [0, 1].</summary>
    public static (double Exact, double Characters) Accuracy(IReadOnlyList<string> predicted)
    {
        double exact = 0, characters = 0;
        for (int i = 0; i < predicted.Count; i++)
        {
            string truth = All[i].Text.Replace(" ", string.Empty, StringComparison.Ordinal);
            string guess = predicted[i].Replace(" ", string.Empty, StringComparison.Ordinal);
            exact += truth == guess ? 1 : 0;
            characters += Math.Max(0, 1 - ((double)EditDistance(truth, guess) / truth.Length));
        }

        return (exact / predicted.Count, characters / predicted.Count);
    }

    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    /// <summary>One input row.</summary>
    public sealed class LineRow
    {
        public string File { get; set; } = string.Empty;
    }
}
