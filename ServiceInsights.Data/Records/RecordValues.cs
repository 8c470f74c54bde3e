using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Entities;
using ServiceInsights.Data.Import;

namespace ServiceInsights.Data.Records;

/// <summary>Reads an entity's values field by field, as <see cref="RecordSchemas"/> declares them, with instants made local.</summary>
internal static class RecordValues
{
    /// <summary>The fields that tell linked records of a kind apart in a list (empty values are left out).</summary>
    private static readonly Dictionary<RecordKind, string[]> SummaryProperties = new()
    {
        [RecordKind.Tickets] = [nameof(Ticket.ServiceType), nameof(Ticket.Customer), nameof(Ticket.ProductName), nameof(Ticket.Staff)],
        [RecordKind.Repairs] = [nameof(Repair.FaultCause), nameof(Repair.RepairedAt), nameof(Repair.ShippedAt)],
        [RecordKind.RepairUpdates] = [nameof(RepairUpdate.Method), nameof(RepairUpdate.Notes)],
        [RecordKind.SiteVisits] = [nameof(SiteVisit.Engineer), nameof(SiteVisit.CompletedAt), nameof(SiteVisit.SurveyScore)],
        [RecordKind.Callbacks] = [nameof(Callback.Method), nameof(Callback.Reached), nameof(Callback.Satisfaction), nameof(Callback.Staff)],
        [RecordKind.Complaints] = [nameof(Complaint.Source), nameof(Complaint.Description), nameof(Complaint.ClosedAt)],
        [RecordKind.Quotes] = [nameof(Quote.PriceInclTax), nameof(Quote.PriceExclTax), nameof(Quote.FirstQuoted)],
    };

    public static IReadOnlyList<FieldValue> All(RecordSchema schema, object entity, DepartmentClock clock) =>
        [.. schema.Fields.Select(f => Read(schema, f, entity, clock))];

    public static RecordRef Ref(RecordSchema schema, object entity) =>
        new(schema.Kind, Convert.ToString(Raw(schema, schema.KeyFields[0], entity), System.Globalization.CultureInfo.InvariantCulture) ?? "");

    public static LinkedRecord Linked(RecordSchema schema, object entity, DepartmentClock clock)
    {
        var summary = SummaryProperties[schema.Kind]
            .Select(p => Read(schema, schema.Field(p), entity, clock))
            .Where(v => v.Value is not null and not "")
            .ToList();
        return new LinkedRecord(Ref(schema, entity), (DateTime?)Read(schema, schema.Anchor(), entity, clock).Value, summary);
    }

    private static FieldValue Read(RecordSchema schema, ImportField field, object entity, DepartmentClock clock)
    {
        var value = Raw(schema, field, entity);
        return new FieldValue(field, value is DateTime utc ? clock.ToLocal(utc) : value);
    }

    private static object? Raw(RecordSchema schema, ImportField field, object entity) =>
        (schema.EntityType.GetProperty(field.Property)
         ?? throw new InvalidOperationException($"{schema.EntityType.Name} has no property {field.Property}.")).GetValue(entity);
}
