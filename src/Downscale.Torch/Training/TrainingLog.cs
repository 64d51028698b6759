using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Downscale.Core.IO;

namespace Downscale.Torch.Training;

/// <summary>
/// The run's JSON-lines log (<c>log.jsonl</c>): one object per step (<c>{"type":"step","step":..,"epoch":..,"loss":..,
/// "lr":..,"time_s":..}</c>, time_s counted from the start of the session), per validation (<c>"type":"validation"</c> with <c>l1</c>, <c>psnr</c>, <c>best</c>) and
/// per session start (<c>"type":"start"</c>). Each line is flushed as it is written, so a plot can follow a live run.
/// </summary>
/// <remarks>
/// On resume from step k, lines of steps after k (written after the checkpoint by the interrupted session) and any torn
/// last line are dropped first, so the log reads as one uninterrupted run.
/// </remarks>
internal sealed class TrainingLog : IDisposable
{
    /// <summary>The log's file name in the run folder.</summary>
    public const string FileName = "log.jsonl";

    private readonly StreamWriter _writer;

    private TrainingLog(StreamWriter writer) => _writer = writer;

    /// <summary>Opens the log for appending, first dropping lines beyond <paramref name="keepUpToStep"/>.</summary>
    public static TrainingLog Open(string runFolder, long keepUpToStep)
    {
        string path = Path.Combine(runFolder, FileName);
        if (File.Exists(path))
        {
            string[] lines = File.ReadAllLines(path);
            var kept = lines.Where(line => StepOf(line) is long step && step <= keepUpToStep).ToArray();
            if (kept.Length != lines.Length || (lines.Length > 0 && !File.ReadAllText(path).EndsWith('\n')))
            {
                AtomicFile.WriteAllBytes(path, Encoding.UTF8.GetBytes(string.Concat(kept.Select(l => l + "\n"))));
            }
        }

        var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
        return new TrainingLog(new StreamWriter(stream, new UTF8Encoding(false)) { AutoFlush = true, NewLine = "\n" });
    }

    /// <summary>Marks the start of a session (fresh or resumed) at <paramref name="step"/>.</summary>
    public void Start(long step, long totalSteps, string optionsHash) => Write(new JsonObject
    {
        ["type"] = "start",
        ["step"] = step,
        ["total_steps"] = totalSteps,
        ["options_hash"] = optionsHash,
        ["utc"] = DateTime.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
    });

    /// <summary>One optimiser step.</summary>
    public void Step(long step, double epoch, double loss, double learningRate, double seconds) => Write(new JsonObject
    {
        ["type"] = "step",
        ["step"] = step,
        ["epoch"] = epoch,
        ["loss"] = loss,
        ["lr"] = learningRate,
        ["time_s"] = seconds,
    });

    /// <summary>One validation pass.</summary>
    public void Validation(ValidationResult result, double learningRate) => Write(new JsonObject
    {
        ["type"] = "validation",
        ["step"] = result.Step,
        ["l1"] = double.IsFinite(result.L1) ? result.L1 : null,
        ["psnr"] = double.IsFinite(result.Psnr) ? result.Psnr : null,
        ["best"] = result.IsBest,
        ["lr"] = learningRate,
    });

    /// <inheritdoc />
    public void Dispose() => _writer.Dispose();

    private void Write(JsonObject line) => _writer.WriteLine(line.ToJsonString());

    private static long? StepOf(string line)
    {
        try
        {
            return JsonNode.Parse(line)?["step"]?.GetValue<long>();
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            return null; // a torn last line from a crash
        }
    }
}
