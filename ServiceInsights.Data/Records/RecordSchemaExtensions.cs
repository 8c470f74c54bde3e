using ServiceInsights.Data.Import;

namespace ServiceInsights.Data.Records;

public static class RecordSchemaExtensions
{
    /// <summary>The field a kind's month and default order go by — its required instant: 来电时间, 收件时间, 下单时间,
    /// 回访时间, 受理时间, 报价时间, 确认时间.</summary>
    public static ImportField Anchor(this RecordSchema schema) => schema.Fields.First(f => f.Type == FieldType.DateTime && f.Required);

    public static ImportField Field(this RecordSchema schema, string property) =>
        schema.Fields.FirstOrDefault(f => f.Property == property)
        ?? throw new ArgumentException($"{schema.Kind} has no field {property}.", nameof(property));
}
