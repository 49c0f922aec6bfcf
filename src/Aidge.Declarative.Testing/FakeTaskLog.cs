using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;

namespace Aidge.Declarative.Testing
{
    /// <summary>The fake server's tasks as JSON lines, one per task: <c>{"id":..,"at":unix ms,"fate":..,"subTasks":[{"garment":..,"count":..}]}</c>.</summary>
    internal static class FakeTaskLog
    {
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
                    writer.WriteNumber("count", subTask.GenerateCount);
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

        // A line cut short by a kill is skipped: its task was never answered, so no one knows its id.
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
