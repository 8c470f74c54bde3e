using System.Text.Json;

namespace ServiceInsights.Data.EightD;

/// <summary>One changed field of a section: its path (e.g. <c>Causes[2].ContributionPercent</c>), old and new value as text.</summary>
public sealed record FieldChange(string Field, string? OldValue, string? NewValue);

/// <summary>
/// Compares a section before and after an edit, field by field through its JSON form, so the history names the field
/// and row that changed. Table rows are compared by position; an added or removed row is one change with the row as JSON.
/// </summary>
public static class EightDDiff
{
    public static IReadOnlyList<FieldChange> Compare(JsonElement before, JsonElement after)
    {
        var changes = new List<FieldChange>();
        Walk("", before, after, changes);
        return changes;
    }

    private static void Walk(string path, JsonElement? before, JsonElement? after, List<FieldChange> changes)
    {
        if (before is { ValueKind: JsonValueKind.Object } b && after is { ValueKind: JsonValueKind.Object } a)
        {
            var names = b.EnumerateObject().Select(p => p.Name).Concat(a.EnumerateObject().Select(p => p.Name)).Distinct();
            foreach (var name in names)
            {
                Walk(Join(path, name), Property(b, name), Property(a, name), changes);
            }

            return;
        }

        if (before is { ValueKind: JsonValueKind.Array } bl && after is { ValueKind: JsonValueKind.Array } al
                                                             && !(IsScalarList(bl) && IsScalarList(al)))
        {
            var count = Math.Max(bl.GetArrayLength(), al.GetArrayLength());
            for (var i = 0; i < count; i++)
            {
                Walk($"{path}[{i + 1}]", i < bl.GetArrayLength() ? bl[i] : null, i < al.GetArrayLength() ? al[i] : null, changes);
            }

            return;
        }

        var oldText = Text(before);
        var newText = Text(after);
        if (oldText != newText)
        {
            changes.Add(new(path.Length == 0 ? "(value)" : path, oldText, newText));
        }
    }

    private static JsonElement? Property(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value : null;

    private static bool IsScalarList(JsonElement array) =>
        array.EnumerateArray().All(e => e.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array));

    /// <summary>Strings as they are, a list of strings joined with "; ", anything else as compact JSON; absent/null is null.</summary>
    private static string? Text(JsonElement? element) => element switch
    {
        null or { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => null,
        { ValueKind: JsonValueKind.String } e => e.GetString(),
        { ValueKind: JsonValueKind.Array } e when IsScalarList(e) => string.Join("; ", e.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.String ? x.GetString() : x.GetRawText())),
        { } e => e.GetRawText(),
    };

    private static string Join(string path, string name) =>
        path.Length == 0 ? char.ToUpperInvariant(name[0]) + name[1..] : $"{path}.{char.ToUpperInvariant(name[0])}{name[1..]}";
}
