using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Downscale.Core.IO;
using Downscale.Torch.Safetensors;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Downscale.Torch.Training;

/// <summary>
/// The run folder's checkpoint <c>last/</c>: <c>model.safetensors</c> (the model's state dict), <c>optimizer.safetensors</c>
/// (Adam's <c>exp_avg</c>, <c>exp_avg_sq</c> and <c>step</c> per parameter, and torch's generator state) and
/// <c>trainer.json</c> (step = data cursor, learning rate and schedule counters, loss average, best validation, options).
/// </summary>
/// <remarks>
/// Writes never touch the last good checkpoint until a complete new one exists: everything goes into
/// <c>last.tmp-*</c>, then <c>last</c> is renamed to <c>last.old-*</c>, the new folder to <c>last</c>, and the old one
/// is deleted. A crash between the two renames leaves <c>last.old-*</c>, which <see cref="Locate"/> puts back.
/// Reads validate every file against the model and the options before changing anything.
/// </remarks>
internal static class TrainingCheckpoint
{
    public const string FolderName = "last";
    public const string ModelFile = "model.safetensors";
    public const string OptimizerFile = "optimizer.safetensors";
    public const string StateFile = "trainer.json";
    private const string TempPrefix = "last.tmp-", OldPrefix = "last.old-", RngKey = "torch.rng_state";
    private const int Format = 1;

    /// <summary>The checkpoint folder of <paramref name="runFolder"/>, or null; repairs an interrupted swap and removes leftovers.</summary>
    public static string? Locate(string runFolder)
    {
        string last = Path.Combine(runFolder, FolderName);
        if (!Directory.Exists(runFolder))
        {
            return null;
        }

        string[] old = [.. Directory.EnumerateDirectories(runFolder, OldPrefix + "*").OrderBy(Directory.GetLastWriteTimeUtc)];
        if (!Directory.Exists(last) && old.Length > 0)
        {
            Directory.Move(old[^1], last); // the crash came between the two renames: the previous checkpoint is intact
            old = old[..^1];
        }

        foreach (string leftover in old.Concat(Directory.EnumerateDirectories(runFolder, TempPrefix + "*")))
        {
            Directory.Delete(leftover, recursive: true);
        }

        return Directory.Exists(last) ? last : null;
    }

    /// <summary>Writes a complete checkpoint beside the current one, then swaps it in.</summary>
    /// <param name="runFolder">The run folder.</param>
    /// <param name="parts">Model, its named parameters and the optimizer.</param>
    /// <param name="state">The trainer's JSON state (written as <c>trainer.json</c>).</param>
    /// <param name="metadata">Metadata of <c>model.safetensors</c>.</param>
    /// <param name="afterModel">Test hook, called with the temporary folder once the model file is written.</param>
    public static string Write(string runFolder, TrainingParts parts, JsonObject state, IReadOnlyDictionary<string, string> metadata, Action<string>? afterModel)
    {
        string temp = Path.Combine(runFolder, TempPrefix + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(temp);
        try
        {
            SafetensorsFile.Save(Path.Combine(temp, ModelFile), parts.Model.state_dict(), metadata);
            afterModel?.Invoke(temp);
            using (var scope = NewDisposeScope())
            {
                SafetensorsFile.Save(Path.Combine(temp, OptimizerFile), OptimizerTensors(parts));
            }

            state["format"] = Format;
            AtomicFile.WriteAllBytes(Path.Combine(temp, StateFile), Encoding.UTF8.GetBytes(state.ToJsonString(new JsonSerializerOptions { WriteIndented = true })));
            return Swap(runFolder, temp);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>
    /// Validates the checkpoint in <paramref name="folder"/> against the model and the options, then loads it into the
    /// model, the optimizer and torch's generator. Returns <c>trainer.json</c>.
    /// </summary>
    /// <exception cref="CheckpointException">Anything is missing, corrupt, non-finite or mismatched; nothing was changed.</exception>
    public static JsonObject Read(string folder, TrainingParts parts, string optionsHash, JsonObject options)
    {
        JsonObject state = ReadState(folder);
        CheckOptions(folder, state, optionsHash, options);
        Dictionary<string, Tensor>? model = null, optimizer = null;
        try
        {
            model = LoadTensors(folder, ModelFile);
            CheckModel(folder, model, parts.Model.state_dict());
            optimizer = LoadTensors(folder, OptimizerFile);
            CheckOptimizer(folder, optimizer, parts);
            Apply(model, optimizer, parts);
            return state;
        }
        finally
        {
            foreach (Tensor t in (model?.Values ?? Enumerable.Empty<Tensor>()).Concat(optimizer?.Values ?? Enumerable.Empty<Tensor>()))
            {
                t.Dispose();
            }
        }
    }

    private static Dictionary<string, Tensor> OptimizerTensors(TrainingParts parts)
    {
        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal) { [RngKey] = random.get_rng_state() };
        for (int i = 0; i < parts.Parameters.Count; i++)
        {
            string name = parts.Parameters[i].Name;
            Adam.State adam = parts.AdamState(i);
            tensors[name + ".exp_avg"] = adam.exp_avg;
            tensors[name + ".exp_avg_sq"] = adam.exp_avg_sq;
            tensors[name + ".step"] = tensor(new[] { adam.step }, [1]);
        }

        return tensors;
    }

    private static void Apply(Dictionary<string, Tensor> model, Dictionary<string, Tensor> optimizer, TrainingParts parts)
    {
        using var noGrad = no_grad();
        foreach (var (name, target) in parts.Model.state_dict())
        {
            target.copy_(model[name]);
        }

        for (int i = 0; i < parts.Parameters.Count; i++)
        {
            string name = parts.Parameters[i].Name;
            Adam.State adam = parts.AdamState(i);
            adam.exp_avg.copy_(optimizer[name + ".exp_avg"]);
            adam.exp_avg_sq.copy_(optimizer[name + ".exp_avg_sq"]);
            adam.step = optimizer[name + ".step"].item<long>();
        }

        random.set_rng_state(optimizer[RngKey]);
    }

    private static JsonObject ReadState(string folder)
    {
        string path = Path.Combine(folder, StateFile);
        try
        {
            var state = JsonNode.Parse(File.ReadAllBytes(path)) as JsonObject ?? throw new JsonException("not a JSON object");
            if (state["format"]?.GetValue<int>() != Format || state["options_hash"] is null || state["trainer"] is not JsonObject)
            {
                throw new JsonException($"not a format-{Format} trainer state");
            }

            return state;
        }
        catch (Exception e) when (e is IOException or JsonException or InvalidOperationException or FormatException)
        {
            throw new CheckpointException(
                $"The checkpoint state '{path}' is missing or corrupt ({e.Message}). Delete the folder '{folder}' to start afresh, or restore it from a backup.", e);
        }
    }

    private static void CheckOptions(string folder, JsonObject state, string optionsHash, JsonObject options)
    {
        string saved = state["options_hash"]!.GetValue<string>();
        if (saved == optionsHash)
        {
            return;
        }

        var savedOptions = state["options"] as JsonObject;
        var differences = options
            .Select(p => p.Key)
            .Union(savedOptions?.Select(p => p.Key) ?? [])
            .Where(key => savedOptions?[key]?.ToJsonString() != options[key]?.ToJsonString())
            .Select(key => $"{key}: checkpoint {savedOptions?[key]?.ToJsonString() ?? "(none)"}, now {options[key]?.ToJsonString() ?? "(none)"}");
        throw new CheckpointException(
            $"The checkpoint '{folder}' was written under other training options (hash {saved}, now {optionsHash}): {string.Join("; ", differences)}. " +
            "Resume with the same options, or train into another folder.");
    }

    private static Dictionary<string, Tensor> LoadTensors(string folder, string file)
    {
        string path = Path.Combine(folder, file);
        try
        {
            return SafetensorsFile.Load(path, requireFinite: true);
        }
        catch (Exception e) when (e is SafetensorsFormatException or IOException)
        {
            throw new CheckpointException($"The checkpoint file '{path}' cannot be used: {e.Message}", e);
        }
    }

    private static void CheckModel(string folder, Dictionary<string, Tensor> saved, Dictionary<string, Tensor> expected)
    {
        var problems = new List<string>();
        foreach (var (name, tensor) in expected)
        {
            if (!saved.TryGetValue(name, out Tensor? found))
            {
                problems.Add($"'{name}' is missing");
            }
            else if (!found.shape.SequenceEqual(tensor.shape) || found.dtype != tensor.dtype)
            {
                problems.Add($"'{name}' is {found.dtype} [{string.Join(", ", found.shape)}], the model's is {tensor.dtype} [{string.Join(", ", tensor.shape)}]");
            }
        }

        problems.AddRange(saved.Keys.Where(k => !expected.ContainsKey(k)).Select(k => $"'{k}' is not in the model"));
        if (problems.Count > 0)
        {
            throw new CheckpointException(
                $"The checkpoint '{folder}' holds another architecture than the model being trained: {string.Join("; ", problems.Take(8))}" +
                $"{(problems.Count > 8 ? $" and {problems.Count - 8} more" : string.Empty)}. Build the same model, or train into another folder.");
        }
    }

    private static void CheckOptimizer(string folder, Dictionary<string, Tensor> saved, TrainingParts parts)
    {
        foreach (var (name, parameter) in parts.Parameters)
        {
            foreach (string suffix in new[] { ".exp_avg", ".exp_avg_sq" })
            {
                if (!saved.TryGetValue(name + suffix, out Tensor? moment) || !moment.shape.SequenceEqual(parameter.shape))
                {
                    throw new CheckpointException($"The optimizer state in '{folder}' lacks a matching '{name}{suffix}'; the checkpoint is incomplete or from another model.");
                }
            }

            if (!saved.TryGetValue(name + ".step", out Tensor? step) || step.dtype != ScalarType.Int64 || step.numel() != 1)
            {
                throw new CheckpointException($"The optimizer state in '{folder}' lacks the step count of '{name}'.");
            }
        }

        if (!saved.TryGetValue(RngKey, out Tensor? rng) || rng.dtype != ScalarType.Byte)
        {
            throw new CheckpointException($"The optimizer state in '{folder}' lacks torch's generator state.");
        }
    }

    private static string Swap(string runFolder, string temp)
    {
        string last = Path.Combine(runFolder, FolderName);
        string? old = null;
        if (Directory.Exists(last))
        {
            old = Path.Combine(runFolder, OldPrefix + Guid.NewGuid().ToString("N"));
            Directory.Move(last, old);
        }

        Directory.Move(temp, last);
        if (old != null)
        {
            TryDelete(old);
        }

        return last;
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for Locate to remove at the next start.
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }
    }
}

/// <summary>What a checkpoint holds state of: the model, its trainable parameters by name, and Adam.</summary>
internal sealed record TrainingParts(Module<Tensor, Tensor> Model, IReadOnlyList<(string Name, Parameter Parameter)> Parameters, Adam Optimizer)
{
    /// <summary>Adam's state of parameter <paramref name="index"/> (states follow the parameters' order).</summary>
    public Adam.State AdamState(int index) => (Adam.State)Optimizer.state_dict().State[index];
}
