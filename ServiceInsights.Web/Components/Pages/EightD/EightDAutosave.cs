using ServiceInsights.Data.Domain;
using ServiceInsights.Data.EightD;
using ServiceInsights.Data.Entities;

namespace ServiceInsights.Web.Components.Pages.EightD;

public enum AutosaveState { Idle, Pending, Saving, Saved, Refused, Conflict }

/// <summary>
/// The editor's autosave: an edit schedules its section, which is saved once the user has paused for <c>delay</c>; edits of
/// other sections wait their own turn. Saves and status steps run one at a time against the version last saved, so the
/// service's concurrency check only trips when someone else saved in between — then nothing more is saved until reload.
/// </summary>
public sealed class EightDAutosave(EightDService service, DepartmentClock clock, EightDActor actor, EightDDocument document, TimeSpan delay) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<EightDSection, CancellationTokenSource> _pending = [];

    /// <summary>The working copy the editor binds to.</summary>
    public EightDContent Content { get; } = document.Content.Clone();

    public string Number { get; } = document.Number;

    public EightDStatus Status { get; private set; } = document.Status;

    public int Version { get; private set; } = document.Version;

    public AutosaveState State { get; private set; } = AutosaveState.Idle;

    public DateTime? SavedAt { get; private set; }

    /// <summary>What the rules say about the content as last saved (or loaded).</summary>
    public IReadOnlyList<EightDProblem> Problems { get; private set; } = document.Problems;

    /// <summary>Why the last save or status step was refused; empty when it was not.</summary>
    public IReadOnlyList<EightDProblem> Refusals { get; private set; } = [];

    /// <summary>The section whose save was refused (it stays unsaved until the next edit fixes it).</summary>
    public EightDSection? RefusedSection { get; private set; }

    /// <summary>Called after every change of state, from whatever thread the save finished on.</summary>
    public Func<Task> Changed { get; set; } = () => Task.CompletedTask;

    /// <summary>Called after a save or a step succeeded (the history has new rows).</summary>
    public Func<Task> Saved { get; set; } = () => Task.CompletedTask;

    public bool HasPending => _pending.Count > 0;

    /// <summary>Only Draft and In review are edited; after approval only the closure and the open items.</summary>
    public bool Editable(EightDSection section) => State != AutosaveState.Conflict && Status switch
    {
        EightDStatus.Draft or EightDStatus.InReview => true,
        EightDStatus.Approved => section is EightDSection.D8 or EightDSection.OpenItems,
        _ => false,
    };

    public void Schedule(EightDSection section)
    {
        if (State == AutosaveState.Conflict)
        {
            return;
        }

        if (_pending.Remove(section, out var previous))
        {
            previous.Cancel();
            previous.Dispose();
        }

        var cts = new CancellationTokenSource();
        _pending[section] = cts;
        State = AutosaveState.Pending;
        _ = SaveLaterAsync(section, cts);
    }

    /// <summary>Saves every scheduled section now (before a status step, when the editor closes).</summary>
    public async Task FlushAsync()
    {
        foreach (var (section, cts) in _pending.ToList())
        {
            await cts.CancelAsync();
            _pending.Remove(section);
            cts.Dispose();
            await SaveAsync(section);
        }
    }

    public async Task ChangeStatusAsync(EightDStatus to)
    {
        await FlushAsync();
        if (State == AutosaveState.Conflict)
        {
            return;
        }

        await _gate.WaitAsync();
        try
        {
            Version = await service.ChangeStatusAsync(Number, Version, to, actor);
            Status = to;
            Refusals = [];
            RefusedSection = null;
        }
        catch (EightDConcurrencyException)
        {
            State = AutosaveState.Conflict;
        }
        catch (EightDRuleException ex)
        {
            Refusals = ex.Problems;
            RefusedSection = null;
        }
        finally
        {
            _gate.Release();
        }

        await Saved();
        await Changed();
    }

    private async Task SaveLaterAsync(EightDSection section, CancellationTokenSource cts)
    {
        try
        {
            await Task.Delay(delay, cts.Token);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        if (_pending.TryGetValue(section, out var current) && current == cts)
        {
            _pending.Remove(section);
            cts.Dispose();
            await SaveAsync(section);
        }
    }

    private async Task SaveAsync(EightDSection section)
    {
        // A snapshot taken now: the user may go on typing while the save runs.
        var snapshot = Content.Clone();
        await _gate.WaitAsync();
        var saved = false;
        try
        {
            if (State == AutosaveState.Conflict)
            {
                return;
            }

            State = AutosaveState.Saving;
            await Changed();
            var result = await service.SaveSectionAsync(Number, Version, section, snapshot, actor);
            Version = result.Version;
            Problems = result.Problems;
            saved = result.Changes.Count > 0;
            if (RefusedSection is { } refused && refused != section)
            {
                // This save may have removed the reason (a D5 action verified lets its D6 step be validated): try again.
                Schedule(refused);
            }

            Refusals = [];
            RefusedSection = null;

            SavedAt = clock.LocalNow;
            State = _pending.Count > 0 ? AutosaveState.Pending : AutosaveState.Saved;
        }
        catch (EightDConcurrencyException)
        {
            State = AutosaveState.Conflict;
        }
        catch (EightDRuleException ex)
        {
            Refusals = ex.Problems;
            RefusedSection = section;
            State = AutosaveState.Refused;
        }
        finally
        {
            _gate.Release();
        }

        if (saved)
        {
            await Saved();
        }

        await Changed();
    }

    public async ValueTask DisposeAsync()
    {
        await FlushAsync();
        _gate.Dispose();
    }
}
