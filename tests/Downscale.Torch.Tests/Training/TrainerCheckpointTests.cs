using Downscale.Tests;
using Downscale.Torch.Models;
using Downscale.Torch.Safetensors;
using Downscale.Torch.Training;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Downscale.Torch.Tests.Training;

public class TrainerCheckpointTests
{
    private readonly TrainerKit _kit = new();

    [Fact]
    public void CrashWhileWritingACheckpoint_LeavesThePreviousOneLoadable_AndResumeStillMatches()
    {
        var reference = Reference();
        string folder = TestPaths.NewTempFolder();
        using (var first = TrainerKit.Model(seed: 1))
        {
            Trainer trainer = _kit.Trainer(first, TrainerKit.Options(folder));
            int writes = 0;
            trainer.AfterCheckpointModelWritten = temp =>
            {
                Assert.StartsWith("last.tmp-", Path.GetFileName(temp), StringComparison.Ordinal);
                if (++writes == 2)
                {
                    throw new IOException("simulated crash mid-write");
                }
            };

            var crash = Assert.Throws<IOException>(() => trainer.Run());
            Assert.Equal("simulated crash mid-write", crash.Message);
        }

        Assert.Equal(2, TrainerKit.CheckpointStep(folder));
        Assert.Equal(["last"], Directory.GetDirectories(folder).Select(Path.GetFileName));
        Assert.Equal([1L, 2, 3, 4], TrainerKit.LoggedSteps(folder)); // steps 3 and 4 ran after the last checkpoint

        using var resumed = TrainerKit.Model(seed: 99);
        TrainingResult result = _kit.Trainer(resumed, TrainerKit.Options(folder)).Run();

        Assert.Equal((8L, 2L), (result.Step, result.ResumedFromStep));
        TrainerKit.AssertSameWeights(reference, TrainerKit.Weights(resumed));
        Assert.Equal([1L, 2, 3, 4, 5, 6, 7, 8], TrainerKit.LoggedSteps(folder)); // the lost steps' lines were dropped, then rewritten
    }

    [Fact]
    public void ACrashBetweenTheTwoRenames_IsRepairedAtTheNextStart()
    {
        string folder = Completed(steps: 2);
        Directory.Move(Path.Combine(folder, "last"), Path.Combine(folder, "last.old-0123"));
        Directory.CreateDirectory(Path.Combine(folder, "last.tmp-4567"));

        using var model = TrainerKit.Model(seed: 99);
        TrainingResult result = _kit.Trainer(model, TrainerKit.Options(folder) with { Steps = 4 }).Run();

        Assert.Equal((4L, 2L), (result.Step, result.ResumedFromStep));
        Assert.Equal(["last"], Directory.GetDirectories(folder).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData("truncated model", "truncated")]
    [InlineData("garbage state", "corrupt")]
    [InlineData("NaN weights", "NaN")]
    [InlineData("missing optimizer", "cannot be used")]
    public void ACorruptCheckpoint_IsRefusedWithAClearMessage_AndLeftUntouched(string damage, string expected)
    {
        string folder = Completed(steps: 2);
        string last = Path.Combine(folder, "last");
        string model = Path.Combine(last, "model.safetensors");
        switch (damage)
        {
            case "truncated model":
                File.WriteAllBytes(model, File.ReadAllBytes(model)[..^10]);
                break;
            case "garbage state":
                File.WriteAllText(Path.Combine(last, "trainer.json"), "{ this is not json");
                break;
            case "NaN weights":
                var weights = SafetensorsFile.Load(model);
                weights["body.weight"].fill_(double.NaN);
                SafetensorsFile.Save(model, weights);
                break;
            case "missing optimizer":
                File.Delete(Path.Combine(last, "optimizer.safetensors"));
                break;
        }

        var before = Snapshot(folder);
        using var fresh = TrainerKit.Model(seed: 7);
        var original = TrainerKit.Weights(fresh);

        var error = Assert.Throws<CheckpointException>(() => _kit.Trainer(fresh, TrainerKit.Options(folder) with { Steps = 4 }).Run());

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains(last, error.Message, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot(folder));
        TrainerKit.AssertSameWeights(original, TrainerKit.Weights(fresh)); // nothing was half-loaded
    }

    [Fact]
    public void ACheckpointOfAnotherArchitecture_IsRefused()
    {
        string folder = Completed(steps: 2);
        using var wider = TrainerKit.Model(seed: 1, features: 8);

        var error = Assert.Throws<CheckpointException>(() => _kit.Trainer(wider, TrainerKit.Options(folder) with { Steps = 4 }).Run());

        Assert.Contains("another architecture", error.Message, StringComparison.Ordinal);
        Assert.Contains("'body.weight' is Float32 [4, 3, 3, 3], the model's is Float32 [8, 3, 3, 3]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ACheckpointWrittenUnderOtherOptions_IsRefused_NamingTheChangedSettings()
    {
        string folder = Completed(steps: 2);
        using var model = TrainerKit.Model(seed: 1);

        var error = Assert.Throws<CheckpointException>(() =>
            _kit.Trainer(model, TrainerKit.Options(folder) with { Steps = 4, LearningRate = 2e-2, BatchSize = 3 }).Run());

        Assert.Contains("learning_rate: checkpoint 0.01, now 0.02", error.Message, StringComparison.Ordinal);
        Assert.Contains("batch_size", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("seed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ResumeModes_NeverRefusesAnExistingCheckpoint_RequiredRefusesAnEmptyFolder()
    {
        string folder = Completed(steps: 2);
        using var model = TrainerKit.Model(seed: 1);

        var never = Assert.Throws<InvalidOperationException>(() => _kit.Trainer(model, TrainerKit.Options(folder) with { Resume = ResumeMode.Never }).Run());
        var required = Assert.Throws<InvalidOperationException>(() =>
            _kit.Trainer(model, TrainerKit.Options(TestPaths.NewTempFolder()) with { Resume = ResumeMode.Required }).Run());

        Assert.Contains("already holds a checkpoint", never.Message, StringComparison.Ordinal);
        Assert.Contains("no checkpoint to resume", required.Message, StringComparison.Ordinal);
        Assert.Equal(2, TrainerKit.CheckpointStep(folder));
    }

    [Fact]
    public void ANaNLoss_StopsTheRun_AndKeepsTheLastGoodCheckpoint()
    {
        string folder = TestPaths.NewTempFolder();
        using var model = TrainerKit.Model(seed: 1);
        using var objective = new NaNAfter(3);

        var error = Assert.Throws<TrainingDivergedException>(() => _kit.Trainer(model, TrainerKit.Options(folder), objective).Run());

        Assert.Contains("step 3", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, TrainerKit.CheckpointStep(folder));
    }

    [Fact]
    public void TwoTrainersOnOneFolder_TheSecondIsRefused()
    {
        string folder = TestPaths.NewTempFolder();
        using var model = TrainerKit.Model(seed: 1);
        using var other = TrainerKit.Model(seed: 2);
        IOException? error = null;
        var progress = new InlineProgress(p =>
        {
            if (p.Step == 1 && p.Event == TrainingEvent.Step)
            {
                error = Assert.Throws<IOException>(() => _kit.Trainer(other, TrainerKit.Options(folder)).Run());
            }
        });

        _kit.Trainer(model, TrainerKit.Options(folder) with { Steps = 2 }).Run(progress);

        Assert.NotNull(error);
        Assert.Contains("in use by another trainer", error.Message, StringComparison.Ordinal);
    }

    private string Completed(int steps)
    {
        string folder = TestPaths.NewTempFolder();
        using var model = TrainerKit.Model(seed: 1);
        Assert.Equal(TrainingStatus.Completed, _kit.Trainer(model, TrainerKit.Options(folder) with { Steps = steps }).Run().Status);
        return folder;
    }

    private Dictionary<string, float[]> Reference()
    {
        using var model = TrainerKit.Model(seed: 1);
        _kit.Trainer(model, TrainerKit.Options(TestPaths.NewTempFolder())).Run();
        return TrainerKit.Weights(model);
    }

    private static Dictionary<string, string> Snapshot(string folder) =>
        Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) != ".lock")
            .ToDictionary(f => Path.GetRelativePath(folder, f), f => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f))));

    /// <summary>L1 for the first steps, then NaN.</summary>
    private sealed class NaNAfter(int step) : ITrainingObjective, IDisposable
    {
        private readonly DownscalingObjective _l1 = DownscalingObjective.L1();
        private int _calls;

        public string Signature => "nan-after";

        public Tensor Loss(Module<Tensor, Tensor> model, TrainingBatch batch)
        {
            Tensor loss = _l1.Loss(model, batch);
            return ++_calls >= step ? loss * double.NaN : loss;
        }

        public void Dispose() => _l1.Dispose();
    }
}
