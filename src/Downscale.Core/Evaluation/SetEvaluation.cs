using Downscale.Core.Data;
using Downscale.Core.Imaging;
using Downscale.Core.Metrics;

namespace Downscale.Core.Evaluation;

/// <summary>The mean fidelity of one downscaler over a paired set, and the per-image scores it came from.</summary>
/// <param name="Method">The downscaler's name.</param>
/// <param name="Mean">Scores averaged over the images (the convention of the papers' tables).</param>
/// <param name="PerImage">Each image's scores, by image name.</param>
public sealed record SetScores(string Method, FidelityScores Mean, IReadOnlyList<(string Name, FidelityScores Scores)> PerImage);

/// <summary>
/// Scores downscalers against the ground-truth LR images of a paired set with the pairs-v1 convention: a border of
/// <c>scale</c> pixels is cropped, PSNR and SSIM are computed on RGB and on Y, and the set's score is the mean.
/// </summary>
public static class SetEvaluation
{
    /// <summary>Scores one downscaler on every pair.</summary>
    /// <param name="method">Name for the table.</param>
    /// <param name="pairs">Decoded pairs (HR = scale x LR).</param>
    /// <param name="downscale">Produces the LR prediction from the HR image and the integer scale.</param>
    /// <param name="onImage">Called with each image's prediction (for example to save it); may be null.</param>
    /// <exception cref="InvalidOperationException">A prediction's shape differs from its ground truth.</exception>
    /// <exception cref="ArgumentException">The set is empty.</exception>
    public static SetScores Score(
        string method, IEnumerable<LoadedPair> pairs, Func<PlanarImage, int, PlanarImage> downscale, Action<LoadedPair, PlanarImage>? onImage = null)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(downscale);
        var perImage = new List<(string, FidelityScores)>();
        foreach (LoadedPair pair in pairs)
        {
            PlanarImage prediction = downscale(pair.Hr, pair.Scale);
            if (!prediction.SameShape(pair.Lr))
            {
                throw new InvalidOperationException(
                    $"{method} produced {prediction} for '{pair.Name}', but its ground truth is {pair.Lr}.");
            }

            onImage?.Invoke(pair, prediction);
            perImage.Add((pair.Name, Fidelity.Compute(prediction, pair.Lr, new QualityOptions { CropBorder = pair.Scale })));
        }

        if (perImage.Count == 0)
        {
            throw new ArgumentException("The set holds no pairs to score.", nameof(pairs));
        }

        return new SetScores(method, Mean(perImage.Select(p => p.Item2).ToList()), perImage);
    }

    /// <summary>The mean of each of the four numbers.</summary>
    public static FidelityScores Mean(IReadOnlyCollection<FidelityScores> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        return new FidelityScores(
            scores.Average(s => s.PsnrRgb), scores.Average(s => s.PsnrY), scores.Average(s => s.SsimRgb), scores.Average(s => s.SsimY));
    }
}
