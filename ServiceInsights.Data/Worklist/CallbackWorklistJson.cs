using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ServiceInsights.Data.Worklist;

/// <summary>The worklist as the <c>worklist --json</c> verb prints it, for scripts and checks.</summary>
public static class CallbackWorklistJson
{
    /// <summary>
    /// One object: <c>{"asOf":"2026-11-05T09:00","items":[{"rule":"CS-3d","ticketNo":"GD…","staff":"…",
    /// "due":"2026-11-07T10:00","overdue":false,"attempts":0}, …]}</c> — one item per rule and ticket (for OS-2d the visit's
    /// ticket; null when the visit names none), local times.
    /// </summary>
    public static string Write(CallbackWorklist worklist)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("asOf", Minute(worklist.AsOf));
            json.WriteStartArray("items");
            foreach (var item in worklist.Items)
            {
                json.WriteStartObject();
                json.WriteString("rule", item.Rule);
                json.WriteString("ticketNo", item.TicketNo);
                json.WriteString("staff", item.Staff);
                json.WriteString("due", Minute(item.Due));
                json.WriteBoolean("overdue", item.Overdue);
                json.WriteNumber("attempts", item.Attempts);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string Minute(DateTime local) => local.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);
}
