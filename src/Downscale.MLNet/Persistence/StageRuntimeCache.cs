using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Downscale.MLNet.Stages;

namespace Downscale.MLNet.Persistence;

/// <summary>
/// Finds the live <see cref="ImageStage"/> for a persisted configuration, building it (and loading its model) once.
/// </summary>
/// <remarks>
/// <para>
/// A loaded model holds each stage's configuration as a string inside ML.NET's own <c>MapValue</c> stage; every row
/// hands the worker the same string object. The stage is attached to that object (a
/// <see cref="ConditionalWeakTable{TKey, TValue}"/>), so it lives exactly as long as the loaded model: no process-wide
/// slot holds it, and any number of models, different or identical, can be loaded and used at once from any thread.
/// </para>
/// <para>
/// A second, weak index by the configuration's checksum lets identical configurations share one stage (the in-memory
/// transformer and its own saved form, or one file loaded twice) without keeping either alive.
/// </para>
/// </remarks>
internal static class StageRuntimeCache
{
    private static readonly ConditionalWeakTable<object, ImageStage> ByOwner = new();
    private static readonly ConcurrentDictionary<string, WeakReference<ImageStage>> ByIdentity = new(StringComparer.Ordinal);
    private static readonly Lock BuildGate = new();

    /// <summary>Attaches an existing stage to its configuration text (the in-memory transformer does this).</summary>
    public static void Register(string configText, ImageStage stage)
    {
        ByOwner.AddOrUpdate(configText, stage);
        ByIdentity[StageConfigText.Identity(configText)] = new WeakReference<ImageStage>(stage);
    }

    /// <summary>The stage for <paramref name="config"/>, built on first use.</summary>
    /// <exception cref="DownscalingModelException">The configuration is corrupt, from another format, or its model cannot be rebuilt.</exception>
    public static ImageStage Get(ReadOnlyMemory<char> config)
    {
        object? owner = OwnerOf(config);
        if (owner is not null && ByOwner.TryGetValue(owner, out ImageStage? attached))
        {
            return attached;
        }

        lock (BuildGate)
        {
            if (owner is not null && ByOwner.TryGetValue(owner, out attached))
            {
                return attached;
            }

            string identity = StageConfigText.Identity(config.Span);
            if (!ByIdentity.TryGetValue(identity, out WeakReference<ImageStage>? weak) || !weak.TryGetTarget(out ImageStage? stage))
            {
                stage = StageFactory.Create(StageConfigText.Read(config.Span));
                Prune();
                ByIdentity[identity] = new WeakReference<ImageStage>(stage);
            }

            // Without an owner object (never seen from ML.NET's MapValue), the configuration is keyed by its text.
            ByOwner.AddOrUpdate(owner ?? string.Intern(config.ToString()), stage);
            return stage;
        }
    }

    private static object? OwnerOf(ReadOnlyMemory<char> config) =>
        MemoryMarshal.TryGetString(config, out string? text, out _, out _) ? text
        : MemoryMarshal.TryGetArray(config, out ArraySegment<char> segment) ? segment.Array
        : null;

    private static void Prune()
    {
        foreach ((string key, WeakReference<ImageStage> value) in ByIdentity)
        {
            if (!value.TryGetTarget(out _))
            {
                ByIdentity.TryRemove(key, out _);
            }
        }
    }
}
