using System.Text.Json;

namespace Downscale.Plotting;

/// <summary>
/// The loss and validation-PSNR curves of a training run, read from its JSON-lines log (<c>log.jsonl</c>, written by
/// <c>Downscale.Torch.Training.TrainingLog</c>).
/// </summary>
/// <remarks>
/// A resumed run re-logs the steps between its last checkpoint and the interruption; the last record of a step wins,
/// which is the one the surviving weights descend from.
/// </remarks>
public sealed class TrainingCurves
{
    private TrainingCurves(IReadOnlyList<CurvePoint> loss, IReadOnlyList<CurvePoint> validationPsnr)
    {
        Loss = loss;
        ValidationPsnr = validationPsnr;
    }

    /// <summary>The training loss of each step, in step order.</summary>
    public IReadOnlyList<CurvePoint> Loss { get; }

    /// <summary>The validation PSNR (dB) of each validation, in step order.</summary>
    public IReadOnlyList<CurvePoint> ValidationPsnr { get; }

    /// <summary>Reads the curves of a run's log.</summary>
    /// <exception cref="FileNotFoundException">The log does not exist.</exception>
    /// <exception cref="InvalidDataException">A line is not a JSON object of the log's format.</exception>
    public static TrainingCurves ReadLog(string logPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(logPath);
        if (!File.Exists(logPath))
        {
            throw new FileNotFoundException($"Training log '{logPath}' does not exist; a run writes it as log.jsonl in its run folder.", logPath);
        }

        var loss = new SortedDictionary<long, double>();
        var psnr = new SortedDictionary<long, double>();
        int lineNumber = 0;
        foreach (string line in File.ReadLines(logPath))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                using var record = JsonDocument.Parse(line);
                JsonElement root = record.RootElement;
                string? type = root.GetProperty("type").GetString();
                if (type == "step")
                {
                    loss[root.GetProperty("step").GetInt64()] = root.GetProperty("loss").GetDouble();
                }
                else if (type == "validation")
                {
                    psnr[root.GetProperty("step").GetInt64()] = root.GetProperty("psnr").GetDouble();
                }
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                // A live run may be mid-line at the end of the file: ignore only an unterminated last line.
                if (IsLastLine(logPath, lineNumber))
                {
                    break;
                }

                throw new InvalidDataException($"'{logPath}' line {lineNumber} is not a training-log record: {e.Message}", e);
            }
        }

        return new TrainingCurves(ToPoints(loss), ToPoints(psnr));
    }

    private static bool IsLastLine(string path, int lineNumber) => File.ReadLines(path).Count() == lineNumber;

    private static CurvePoint[] ToPoints(SortedDictionary<long, double> values) =>
        values.Select(pair => new CurvePoint(pair.Key, pair.Value)).ToArray();
}

/// <summary>One point of a training curve.</summary>
/// <param name="Step">The optimiser step.</param>
/// <param name="Value">The loss or PSNR at that step.</param>
public readonly record struct CurvePoint(long Step, double Value);
