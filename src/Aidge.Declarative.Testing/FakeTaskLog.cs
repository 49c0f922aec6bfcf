using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace Aidge.Declarative.Testing
{
    /// <summary>
    /// The fake server's tasks as JSON lines: first the server's name, <c>{"server":..}</c>, then one line per task,
    /// <c>{"id":..,"at":unix ms,"fate":..,"subTasks":[{"garment":..,"count":..}]}</c>.
    /// </summary>
    internal static class FakeTaskLog
    {
        /// <summary>The name the log records, written first when the log is new (or has none): the server it belongs to.</summary>
        public static string NameOf(string path, string newName)
        {
            if (File.Exists(path))
            {
                string? first = File.ReadLines(path, Encoding.UTF8).FirstOrDefault();
                if (first is not null)
                {
                    try
                    {
                        using JsonDocument document = JsonDocument.Parse(first);
                        if (document.RootElement.ValueKind == JsonValueKind.Object &&
                            document.RootElement.TryGetProperty("server", out JsonElement name) && name.GetString() is { Length: > 0 } recorded)
                        {
                            return recorded;
                        }
                    }
                    catch (JsonException)
                    {
                    }
                }
            }

            // A log without a name is another server's tasks, or none: start a new log under the new name.
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                writer.WriteString("server", newName);
                writer.WriteEndObject();
            }

            buffer.WriteByte((byte)'\n');
            using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read))
            {
                buffer.WriteTo(file);
                file.Flush(flushToDisk: true);
            }

            return newName;
        }

        public static void Append(string path, FakeTask task)
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                writer.WriteString("id", task.Id);
                writer.WriteNumber("at", task.SubmittedAt.ToUnixTimeMilliseconds());
                writer.WriteNumber("fate", (int)task.Fate);
                writer.WriteStartArray("subTasks");
                foreach (RequestParamsChecker.SubTask subTask in task.SubTasks)
                {
                    writer.WriteStartObject();
                    writer.WriteString("garment", subTask.GarmentUrl);
                    writer.WriteNumber("count", subTask.PictureCount);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            buffer.WriteByte((byte)'\n');
            using var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
            buffer.WriteTo(file);
            file.Flush(flushToDisk: true);
        }

        // A line cut short by a kill is skipped: its task was never answered, so no one knows its id. The name line is no task.
        public static IEnumerable<FakeTask> Read(string path)
        {
            foreach (string line in File.ReadAllLines(path, Encoding.UTF8))
            {
                FakeTask? task = null;
                try
                {
                    using JsonDocument document = JsonDocument.Parse(line);
                    JsonElement root = document.RootElement;
                    var subTasks = new List<RequestParamsChecker.SubTask>();
                    foreach (JsonElement subTask in root.GetProperty("subTasks").EnumerateArray())
                    {
                        subTasks.Add(new RequestParamsChecker.SubTask(subTask.GetProperty("garment").GetString()!, subTask.GetProperty("count").GetInt32()));
                    }

                    task = new FakeTask(
                        root.GetProperty("id").GetString()!,
                        DateTimeOffset.FromUnixTimeMilliseconds(root.GetProperty("at").GetInt64()),
                        subTasks,
                        (TaskFate)root.GetProperty("fate").GetInt32());
                }
                catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException)
                {
                }

                if (task is not null)
                {
                    yield return task;
                }
            }
        }
    }
}
