using Microsoft.AspNetCore.Components;
using ServiceInsights.Data.EightD;

namespace ServiceInsights.Web.Components.Pages.EightD;

/// <summary>
/// A section of the 8D editor: it binds its inputs to the working copy of the content and reports every edit, so the editor
/// can autosave the section. It only renders; saving and the rules are the editor's.
/// </summary>
public abstract class EightDSectionBase : ComponentBase
{
    [Parameter, EditorRequired]
    public required EightDContent Content { get; set; }

    /// <summary>The problems of the whole report; the section shows its own.</summary>
    [Parameter, EditorRequired]
    public required IReadOnlyList<EightDProblem> Problems { get; set; }

    [Parameter]
    public bool ReadOnly { get; set; }

    [Parameter]
    public EventCallback<EightDSection> OnChanged { get; set; }

    protected abstract EightDSection Section { get; }

    protected IReadOnlyList<EightDProblem> Mine => [.. Problems.Where(p => p.Section == Section)];

    /// <summary>The section's open items the records left and nobody has resolved yet.</summary>
    protected IReadOnlyList<OpenItem> OpenHere =>
        [.. Content.OpenItems.Where(i => i.Section == Section && !i.Resolved), .. EightDRules.Pending(Content).Where(i => i.Section == Section)];

    protected IReadOnlyList<EightDProblem> OfRow(int index) => [.. Problems.Where(p => p.Section == Section && p.Row == index + 1)];

    protected Task ChangedAsync() => OnChanged.InvokeAsync(Section);

    /// <summary>Sets a value through <paramref name="set"/> and reports the edit.</summary>
    protected Task SetAsync(Action set)
    {
        set();
        return ChangedAsync();
    }

    protected Task AddAsync<T>(List<T> list, T item) => SetAsync(() => list.Add(item));

    protected Task RemoveAsync<T>(List<T> list, T item) => SetAsync(() => list.Remove(item));
}
