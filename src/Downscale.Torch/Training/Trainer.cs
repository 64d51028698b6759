using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Downscale.Torch.Native;
using Downscale.Torch.Safetensors;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Downscale.Torch.Training;

/// <summary>
/// Trains any <see cref="Module{Tensor, Tensor}"/> with Adam on an <see cref="ITrainingObjective"/> over samples from an
/// <see cref="ITrainingSampler"/>: validation with best-model tracking, a learning-rate schedule, atomic checkpoints,
/// exact resume, cancellation, progress reports and a JSON-lines log. ADK-Net and the RAW wavelet model share it.
/// </summary>
/// <remarks>
/// <para><b>Exact resume.</b> Step t draws samples t x B .. t x B + B - 1 from the sampler, a pure function of
/// (seed, index), so the data cursor is the step number. A checkpoint holds the weights, Adam's moments and step
/// counts, the learning rate and schedule counters, torch's generator state, the loss average and the best
/// validation. A run stopped after step k and resumed gives the weights of an uninterrupted run bit for bit (with
/// the same thread count: libtorch's reductions are deterministic for a fixed number of threads on the CPU).</para>
/// <para><b>Ownership.</b> The trainer never disposes the model, the objective, the sampler or the validation set.
/// Each step runs in its own dispose scope. <see cref="Run"/> is not reentrant; one trainer per model.</para>
/// </remarks>
public sealed class Trainer
{
    private readonly ITrainingObjective _objective;
    private readonly ITrainingSampler _sampler;
    private readonly ValidationSet? _validation;
    private readonly JsonObject _signature;

    /// <summary>A trainer; nothing runs until <see cref="Run"/>.</summary>
    /// <param name="model">The model (its parameters with <c>requires_grad</c> are trained; it is moved to the device).</param>
    /// <param name="objective">The loss.</param>
    /// <param name="sampler">The training samples.</param>
    /// <param name="options">The settings.</param>
    /// <param name="validation">Scored every <see cref="TrainerOptions.ValidateEvery"/> steps; needed by the plateau schedule.</param>
    /// <exception cref="ArgumentException">The options are inconsistent, or the plateau schedule has no validation set.</exception>
    public Trainer(Module<Tensor, Tensor> model, ITrainingObjective objective, ITrainingSampler sampler, TrainerOptions options, ValidationSet? validation = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(sampler);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (options.Schedule.NeedsValidation && validation is null)
        {
            throw new ArgumentException("The plateau schedule reduces the rate on the validation loss: pass a validation set.", nameof(validation));
        }

        if (sampler.SamplesPerEpoch < 1)
        {
            throw new ArgumentException("The sampler has no samples.", nameof(sampler));
        }

        Model = model;
        _objective = objective;
        _sampler = sampler;
        Options = options;
        _validation = validation;
        _signature = TrainingSignature.Describe(options, objective, sampler, validation);
        OptionsHash = TrainingSignature.Hash(_signature);
    }

    /// <summary>The model being trained.</summary>
    public Module<Tensor, Tensor> Model { get; }

    /// <summary>The settings.</summary>
    public TrainerOptions Options { get; }

    /// <summary>Hash of the settings that shape the trajectory; a checkpoint resumes only under the same hash.</summary>
    public string OptionsHash { get; }

    /// <summary>Test hook: called with the temporary checkpoint folder after the model file is written, before the rest.</summary>
    internal Action<string>? AfterCheckpointModelWritten { get; set; }

    /// <summary>
    /// Runs (or resumes) training to the end, or until <paramref name="cancellationToken"/> is cancelled: then the current
    /// step, and its validation when due, finish, the model is validated when its last step was not (for the best
    /// weights only: the learning-rate schedule does not see it), a checkpoint is written, and the result says
    /// <see cref="TrainingStatus.Interrupted"/>.
    /// </summary>
    /// <param name="progress">Called synchronously on the training thread after each step, validation and checkpoint.</param>
    /// <param name="cancellationToken">Stops the run cleanly between steps.</param>
    /// <exception cref="CheckpointException">The run folder's checkpoint is corrupt or does not match the model or the options.</exception>
    /// <exception cref="InvalidOperationException">The folder holds a checkpoint and <see cref="ResumeMode.Never"/> was asked, or none and <see cref="ResumeMode.Required"/>.</exception>
    /// <exception cref="TrainingDivergedException">The loss or the weights became NaN or infinite (the last checkpoint is kept).</exception>
    public TrainingResult Run(IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        TorchNative.EnsureLoaded();
        if (Options.TuneMalloc)
        {
            MallocTuning.Apply();
        }

        set_num_threads(Options.Threads ?? TrainingThreads.PhysicalCores);
        Device device = torch.device(Options.Device);
        Model.to(device);
        Model.train();
        var named = Model.named_parameters().Where(p => p.parameter.requires_grad).ToList();
        using var adam = new Adam(named.Select(p => p.parameter), Options.LearningRate, Options.Beta1, Options.Beta2, Options.Epsilon);
        var session = new Session(this, new TrainingParts(Model, named, adam), device, progress);
        using RunFolderLock? folderLock = Options.OutputFolder is { } folder ? RunFolderLock.Acquire(folder) : null;
        session.Restore();
        using TrainingLog? log = Options.OutputFolder is { } run ? TrainingLog.Open(run, session.State.Step) : null;
        session.Log = log;
        return session.Train(cancellationToken);
    }

    /// <summary>One call of <see cref="Run"/>: the optimizer, the schedule, the counters and the clock.</summary>
    private sealed class Session(Trainer trainer, TrainingParts parts, Device device, IProgress<TrainingProgress>? progress)
    {
        private readonly TrainerOptions _options = trainer.Options;
        private readonly LearningRateController _rate = new(trainer.Options.Schedule, trainer.Options.LearningRate);
        private readonly long _total = trainer.Options.TotalSteps(trainer._sampler.SamplesPerEpoch);
        private readonly Stopwatch _clock = new();
        private long _resumedFrom;
        private long _checkpointStep = -1;
        private string? _checkpointFolder;

        public TrainerState State { get; private set; } = new();

        public TrainingLog? Log { get; set; }

        public void Restore()
        {
            string? folder = _options.OutputFolder is { } run ? TrainingCheckpoint.Locate(run) : null;
            if (folder is not null)
            {
                if (_options.Resume == ResumeMode.Never)
                {
                    throw new InvalidOperationException(
                        $"'{_options.OutputFolder}' already holds a checkpoint; resume it (ResumeMode.Auto) or train into another folder.");
                }

                JsonObject saved = TrainingCheckpoint.Read(folder, parts, trainer.OptionsHash, trainer._signature);
                State = TrainerState.Restore((JsonObject)saved["trainer"]!);
                _rate.Restore((JsonObject)saved["schedule"]!);
                _checkpointStep = State.Step;
                _checkpointFolder = folder;
            }
            else if (_options.Resume == ResumeMode.Required)
            {
                throw new InvalidOperationException($"There is no checkpoint to resume in '{_options.OutputFolder ?? "(no output folder)"}'.");
            }

            _resumedFrom = State.Step;
            ApplyLearningRate();
        }

        public TrainingResult Train(CancellationToken cancellationToken)
        {
            Log?.Start(State.Step, _total, trainer.OptionsHash);
            _clock.Start();
            bool interrupted = false;
            while (State.Step < _total)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    interrupted = true;
                    break;
                }

                Step();
                bool last = State.Step == _total;
                if (trainer._validation is not null && (State.Step % _options.ValidateEvery == 0 || last))
                {
                    Validate();
                }

                if (State.Step % _options.CheckpointEvery == 0 || last)
                {
                    Checkpoint();
                }
            }

            if (interrupted && trainer._validation is not null && State.Step > 0 && State.LastValidation?.Step != State.Step)
            {
                // An early-stopped run still gets scored and a best.safetensors; the schedule only ever sees the
                // regular validations, so a resumed run's weights equal an uninterrupted run's.
                Validate(feedSchedule: false);
            }

            if (State.Step > _checkpointStep)
            {
                Checkpoint();
            }

            return new TrainingResult(
                interrupted ? TrainingStatus.Interrupted : TrainingStatus.Completed,
                State.Step,
                _resumedFrom,
                State.SmoothedLoss,
                State.Best,
                State.LastValidation,
                _checkpointFolder);
        }

        private void Step()
        {
            TrainingSample[] samples = BatchAssembler.Draw(trainer._sampler, _options.Seed, State.Step, _options.BatchSize);
            double loss;
            using (var scope = NewDisposeScope())
            {
                TrainingBatch batch = BatchAssembler.Stack(samples, device);
                parts.Optimizer.zero_grad();
                Tensor value = trainer._objective.Loss(parts.Model, batch);
                if (value.numel() != 1)
                {
                    throw new InvalidOperationException(
                        $"The objective '{trainer._objective.Signature}' returned a tensor of shape [{string.Join(", ", value.shape)}]; it must return a scalar loss.");
                }

                loss = value.item<float>();
                if (!double.IsFinite(loss))
                {
                    throw new TrainingDivergedException(
                        $"The loss became {loss} at step {State.Step + 1}; nothing was saved after it ({LastCheckpoint}). " +
                        "Lower the learning rate or check the data.");
                }

                value.backward();
                parts.Optimizer.step();
            }

            State.Step++;
            State.AddLoss(loss, _options.LossSmoothing);
            _rate.AfterStep(State.Step);
            ApplyLearningRate();
            Log?.Step(State.Step, Epoch, loss, _rate.LearningRate, _clock.Elapsed.TotalSeconds);
            Report(TrainingEvent.Step);
        }

        private void Validate(bool feedSchedule = true)
        {
            ValidationResult result = Validator.Run(parts.Model, trainer._validation!, device, State.Step);
            bool best = !double.IsNaN(result.Psnr) && (State.Best is null || result.Psnr > State.Best.Psnr);
            result = result with { IsBest = best };
            if (best)
            {
                State.Best = result;
                if (_options.OutputFolder is { } folder)
                {
                    RequireFiniteWeights("best.safetensors");
                    SafetensorsFile.Save(Path.Combine(folder, "best.safetensors"), parts.Model.state_dict(), Metadata(result));
                }
            }

            State.LastValidation = result;
            if (feedSchedule)
            {
                _rate.AfterValidation(result.L1);
                ApplyLearningRate();
            }

            Log?.Validation(result, _rate.LearningRate);
            Report(TrainingEvent.Validation);
        }

        private void Checkpoint()
        {
            if (_options.OutputFolder is not { } folder)
            {
                return;
            }

            RequireFiniteWeights("the checkpoint");
            var state = new JsonObject
            {
                ["options_hash"] = trainer.OptionsHash,
                ["options"] = trainer._signature.DeepClone(),
                ["trainer"] = State.Save(),
                ["schedule"] = _rate.Save(),
            };
            _checkpointFolder = TrainingCheckpoint.Write(folder, parts, state, Metadata(null), trainer.AfterCheckpointModelWritten);
            _checkpointStep = State.Step;
            Report(TrainingEvent.Checkpoint);
        }

        private double Epoch => (double)State.Step * _options.BatchSize / trainer._sampler.SamplesPerEpoch;

        private string LastCheckpoint => _options.OutputFolder is null
            ? "no output folder, so no checkpoints"
            : _checkpointStep >= 0 ? $"the last checkpoint, of step {_checkpointStep}, is intact" : "no checkpoint was written yet";

        private void ApplyLearningRate()
        {
            foreach (var group in parts.Optimizer.ParamGroups)
            {
                group.LearningRate = _rate.LearningRate;
            }
        }

        private void RequireFiniteWeights(string what)
        {
            using var scope = NewDisposeScope();
            foreach (var (name, parameter) in parts.Parameters)
            {
                if (!isfinite(parameter).all().item<bool>())
                {
                    throw new TrainingDivergedException(
                        $"Parameter '{name}' holds NaN or infinite values after step {State.Step}; {what} was not written " +
                        $"({LastCheckpoint}). Lower the learning rate or check the data.");
                }
            }
        }

        private Dictionary<string, string> Metadata(ValidationResult? validation)
        {
            var metadata = new Dictionary<string, string>(_options.ModelMetadata ?? new Dictionary<string, string>(), StringComparer.Ordinal)
            {
                ["step"] = State.Step.ToString(CultureInfo.InvariantCulture),
                ["options_hash"] = trainer.OptionsHash,
                ["objective"] = trainer._objective.Signature,
            };
            if (validation is not null)
            {
                metadata["validation_psnr"] = validation.Psnr.ToString("R", CultureInfo.InvariantCulture);
                metadata["validation_l1"] = validation.L1.ToString("R", CultureInfo.InvariantCulture);
            }

            return metadata;
        }

        private void Report(TrainingEvent kind)
        {
            if (progress is null)
            {
                return;
            }

            long done = State.Step - _resumedFrom;
            double seconds = _clock.Elapsed.TotalSeconds;
            double rate = done > 0 && seconds > 0 ? done / seconds : 0;
            TimeSpan? eta = rate > 0 ? TimeSpan.FromSeconds((_total - State.Step) / rate) : null;
            progress.Report(new TrainingProgress(
                kind, State.Step, _total, Epoch, State.LastLoss, State.SmoothedLoss, _rate.LearningRate, rate, eta,
                State.LastValidation, State.Best?.Psnr));
        }
    }
}
