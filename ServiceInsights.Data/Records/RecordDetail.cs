using ServiceInsights.Data.Import;

namespace ServiceInsights.Data.Records;

/// <summary>Which record: its kind and its key (工单号, 维修单号, 委派单号…).</summary>
public sealed record RecordRef(RecordKind Kind, string Key);

/// <summary>One field of a record, named as in the import format, with its value ready to show: instants are local
/// times, enumerations their enum value, yes/no a bool; null when the record has no value.</summary>
public sealed record FieldValue(ImportField Field, object? Value);

/// <summary>
/// A record linked to the one shown: its key, anchor time (local) and a few fields that tell it apart. A link whose
/// record is not stored (a ticket number whose ticket is not imported yet) has <see cref="Stored"/> false and nothing else.
/// </summary>
public sealed record LinkedRecord(RecordRef Ref, DateTime? At, IReadOnlyList<FieldValue> Summary, bool Stored = true)
{
    /// <summary>Records under this one: the status updates of a repair.</summary>
    public IReadOnlyList<LinkedRecord> Children { get; init; } = [];

    public static LinkedRecord NotImported(RecordRef record) => new(record, null, [], Stored: false);
}

/// <summary>The linked records of one kind, oldest first.</summary>
public sealed record LinkGroup(RecordKind Kind, IReadOnlyList<LinkedRecord> Items);

/// <summary>One record with every field of its kind and the records linked to it by ticket number.</summary>
public sealed record RecordDetail(RecordRef Ref, IReadOnlyList<FieldValue> Fields, IReadOnlyList<LinkGroup> Links);
