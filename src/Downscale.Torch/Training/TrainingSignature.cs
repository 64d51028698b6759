using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Downscale.Torch.Training;

/// <summary>
/// The settings that shape a run's trajectory, as a JSON object and its hash: a checkpoint resumes only under the same
/// hash, and when it differs the object tells which settings changed.
/// </summary>
internal static class TrainingSignature
{
    public static JsonObject Describe(TrainerOptions options, ITrainingObjective objective, ITrainingSampler sampler, ValidationSet? validation) => new()
    {
        ["learning_rate"] = options.LearningRate,
        ["beta1"] = options.Beta1,
        ["beta2"] = options.Beta2,
        ["epsilon"] = options.Epsilon,
        ["schedule"] = options.Schedule.Signature,
        ["batch_size"] = options.BatchSize,
        ["seed"] = options.Seed,
        ["objective"] = objective.Signature,
        ["data"] = sampler.Signature,
        ["validation"] = validation?.Signature,
        ["validate_every"] = validation is null ? null : options.ValidateEvery,
    };

    /// <summary>The first 16 hex digits of the SHA-256 of the object's compact JSON.</summary>
    public static string Hash(JsonObject description) => Hash(description.ToJsonString());

    /// <summary>A short hash of a list of names (the images of a set), order included.</summary>
    public static string Hash(IEnumerable<string> names) => Hash(string.Join('\n', names));

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
}
