using System.Collections.Concurrent;
using Downscale.MLNet.Stages;

namespace Downscale.MLNet.Persistence;

/// <summary>
/// Builds the live <see cref="PersistedStage"/> of a persisted configuration (loading its model), and lets identical
/// configurations share one stage while any holder keeps it alive.
/// </summary>
/// <remarks>
/// <para>
/// Lifetimes: nothing here holds a stage strongly. The holders are the in-memory transformer, each persisted worker
/// (its mapping delegate owns a <see cref="StageHolder"/>, and ML.NET keeps one delegate per loaded worker, so a stage
/// lives exactly as long as the loaded pipeline that uses it), and <see cref="StageVerification"/>, which attaches the
/// stages it builds to the loaded worker transformers. No process-wide slot: any number of models, different or
/// identical, can be loaded and used at once from any thread, and a dropped pipeline releases its model.
/// </para>
/// <para>
/// The index is weak and keyed by the configuration's checksum (<see cref="StageConfigText.Identity"/>), so the
/// in-memory transformer and its own saved form, or one file loaded twice, share one stage and one model.
/// </para>
/// </remarks>
internal static class StageRuntimeCache
{
    private static readonly ConcurrentDictionary<string, WeakReference<PersistedStage>> ByIdentity = new(StringComparer.Ordinal);
    private static readonly Lock BuildGate = new();

    /// <summary>Makes an existing stage findable by its configuration (the in-memory transformer holds it).</summary>
    public static void Register(string configText, PersistedStage stage) =>
        ByIdentity[StageConfigText.Identity(configText)] = new WeakReference<PersistedStage>(stage);

    /// <summary>The stage for <paramref name="config"/>: a live one with the same configuration, or a new one.</summary>
    /// <exception cref="DownscalingModelException">The configuration is corrupt, from another format, or its model cannot be rebuilt.</exception>
    public static PersistedStage Get(ReadOnlyMemory<char> config)
    {
        string identity = StageConfigText.Identity(config.Span);
        if (ByIdentity.TryGetValue(identity, out WeakReference<PersistedStage>? weak) && weak.TryGetTarget(out PersistedStage? live))
        {
            return live;
        }

        lock (BuildGate)
        {
            if (ByIdentity.TryGetValue(identity, out weak) && weak.TryGetTarget(out live))
            {
                return live;
            }

            PersistedStage stage = StageFactory.Create(StageConfigText.Read(config.Span));
            Prune();
            ByIdentity[identity] = new WeakReference<PersistedStage>(stage);
            return stage;
        }
    }

    private static void Prune()
    {
        foreach ((string key, WeakReference<PersistedStage> value) in ByIdentity)
        {
            if (!value.TryGetTarget(out _))
            {
                ByIdentity.TryRemove(key, out _);
            }
        }
    }
}

/// <summary>
/// The stage of one persisted worker: found on its first row and kept for the worker's lifetime (ML.NET holds one
/// mapping delegate, which owns this holder, per loaded worker). Thread-safe.
/// </summary>
internal sealed class StageHolder
{
    private Tuple<string, PersistedStage>? held;

    /// <summary>The stage for this row's configuration (always the same one for a given worker).</summary>
    /// <exception cref="DownscalingModelException">The configuration is not one of a <typeparamref name="TStage"/>.</exception>
    public TStage Get<TStage>(ReadOnlyMemory<char> config)
        where TStage : PersistedStage => Get(config) as TStage
        ?? throw new DownscalingModelException($"This model's stage configuration does not belong to its worker (expected a {typeof(TStage).Name}); the file is corrupt.");

    /// <summary>The stage for this row's configuration (always the same one for a given worker).</summary>
    public PersistedStage Get(ReadOnlyMemory<char> config)
    {
        string identity = StageConfigText.Identity(config.Span); // reads the header line only
        if (Volatile.Read(ref held) is { } h && string.Equals(h.Item1, identity, StringComparison.Ordinal))
        {
            return h.Item2;
        }

        PersistedStage stage = StageRuntimeCache.Get(config);
        Volatile.Write(ref held, Tuple.Create(identity, stage));
        return stage;
    }
}
