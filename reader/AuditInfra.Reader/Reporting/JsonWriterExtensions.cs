using System.Text.Json;

namespace AuditInfra.Reader.Reporting;

/// <summary>Shapes the JSON writers of the report and the CLI's other commands share.</summary>
public static class JsonWriterExtensions
{
    /// <summary>Writes <c>"name": ["v1", "v2", …]</c> (an empty array when there are none).</summary>
    public static void WriteStringArray(this Utf8JsonWriter json, string name, IReadOnlyList<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }
}
