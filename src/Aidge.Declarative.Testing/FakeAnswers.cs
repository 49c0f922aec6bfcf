using System;
using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Aidge.Declarative.Client.Wire;
using static Aidge.Declarative.Client.Wire.WireNames;

namespace Aidge.Declarative.Testing
{
    /// <summary>The bodies the fake server answers with, in the shapes and names of <c>docs/aidge-api.md</c>.</summary>
    internal static class FakeAnswers
    {
        /// <summary>
        /// The API's envelope. <paramref name="stringly"/> sends <c>success</c> and <c>resCode</c> as strings, as the
        /// reference page's sample submit answer does; otherwise as a boolean and a number, as the pages type them.
        /// </summary>
        public static byte[] Envelope(int resCode, string resMessage, string requestId, string gatewayRequestId, bool stringly, Action<Utf8JsonWriter>? data = null) =>
            Json(writer =>
            {
                writer.WriteString(Answer.Code, GatewayCodes.Accepted);
                if (data is not null)
                {
                    writer.WritePropertyName(Answer.Data);
                    writer.WriteStartObject();
                    data(writer);
                    writer.WriteEndObject();
                }

                writer.WriteString(Answer.RequestId, requestId);
                if (stringly)
                {
                    writer.WriteString(Answer.Success, resCode == AidgeResCodes.Success ? "true" : "false");
                    writer.WriteString(Answer.ResCode, resCode.ToString(CultureInfo.InvariantCulture));
                }
                else
                {
                    writer.WriteBoolean(Answer.Success, resCode == AidgeResCodes.Success);
                    writer.WriteNumber(Answer.ResCode, resCode);
                }

                writer.WriteString(Answer.ResMessage, resMessage);
                writer.WriteString(Answer.GatewayRequestId, gatewayRequestId);
            });

        /// <summary>
        /// The gateway's refusal, as the contract gives it: <c>type</c>, its own <c>code</c> and <c>message</c>, and <c>request_id</c>;
        /// no <c>resCode</c>. The HTTP 200 it is sent with is a guess, as the gateways of the same family answer.
        /// </summary>
        public static byte[] GatewayError(string type, string code, string message, string gatewayRequestId) =>
            Json(writer =>
            {
                writer.WriteString(Answer.GatewayType, type);
                writer.WriteString(Answer.Code, code);
                writer.WriteString(Answer.Message, message);
                writer.WriteString(Answer.GatewayRequestId, gatewayRequestId);
            });

        /// <summary>
        /// The balance's answer, as the contract gives it: <c>code</c>, <c>data.balance</c>, <c>success</c>, <c>request_id</c> and
        /// <c>_trace_id_</c>, the balance a number or, when asked, a string.
        /// </summary>
        public static byte[] Balance(decimal balance, bool asString, string gatewayRequestId, string traceId) =>
            Json(writer =>
            {
                writer.WriteString(Answer.Code, GatewayCodes.Accepted);
                writer.WriteStartObject(Answer.Data);
                if (asString)
                {
                    writer.WriteString(WireNames.Balance.Remaining, balance.ToString(CultureInfo.InvariantCulture));
                }
                else
                {
                    writer.WriteNumber(WireNames.Balance.Remaining, balance);
                }

                writer.WriteEndObject();
                writer.WriteBoolean(Answer.Success, true);
                writer.WriteString(Answer.GatewayRequestId, gatewayRequestId);
                writer.WriteString(Answer.TraceId, traceId);
            });

        /// <summary>A submit's <c>data</c>: <c>result</c> with the task id, in the form asked for.</summary>
        public static Action<Utf8JsonWriter> SubmitData(string taskId, FakeAidgeSubmitForm form) => writer =>
        {
            if (form == FakeAidgeSubmitForm.ResultString)
            {
                writer.WriteString(Submit.Result, "{\"" + Submit.TaskId + "\":\"" + taskId + "\"}");
                return;
            }

            writer.WriteStartObject(Submit.Result);
            writer.WriteString(Submit.TaskId, taskId);
            writer.WriteEndObject();
        };

        /// <summary>A query's <c>data</c> for a task in <paramref name="status"/>, nested in the form asked for.</summary>
        public static Action<Utf8JsonWriter> QueryData(FakeTask task, TryOnTaskStatus status, FakeAidgeServerOptions options, string imageBase) => writer =>
        {
            string spelled = Status.Of(status);
            writer.WriteString(Query.TaskId, task.Id);
            writer.WriteString(Query.TaskStatus, spelled);
            writer.WriteStartArray(Query.TaskResult);
            for (int i = 0; i < task.SubTasks.Count; i++)
            {
                RequestParamsChecker.SubTask subTask = task.SubTasks[i];
                int pictures = status == TryOnTaskStatus.Finished ? subTask.PictureCount : 0;
                writer.WriteStartObject();
                switch (options.QueryForm)
                {
                    case FakeAidgeQueryForm.Flat:
                        writer.WriteString(Query.TaskStatus, spelled);
                        writer.WriteStartObject(Query.Result);
                        WriteImageList(writer, task, i, pictures, imageBase, clothesOnEachPicture: false);
                        writer.WriteString(Query.Clothes, subTask.GarmentUrl);
                        writer.WriteEndObject();
                        break;
                    default:
                        bool inside = options.QueryForm == FakeAidgeQueryForm.NestedStatusInside;
                        if (!inside)
                        {
                            writer.WriteString(Query.TaskStatus, spelled);
                        }

                        writer.WriteStartObject(Query.TaskResult);
                        if (inside)
                        {
                            writer.WriteString(Query.TaskStatus, spelled);
                        }

                        writer.WriteStartObject(Query.Result);
                        WriteImageList(writer, task, i, pictures, imageBase, clothesOnEachPicture: true);
                        writer.WriteEndObject();
                        writer.WriteEndObject();
                        break;
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        };

        private static void WriteImageList(Utf8JsonWriter writer, FakeTask task, int subTask, int pictures, string imageBase, bool clothesOnEachPicture)
        {
            writer.WriteStartArray(Query.ImageList);
            for (int n = 1; n <= pictures; n++)
            {
                writer.WriteStartObject();
                writer.WriteString(Query.ImageUrl, task.PictureUrl(imageBase, subTask, n));
                if (clothesOnEachPicture)
                {
                    writer.WriteString(Query.Clothes, task.SubTasks[subTask].GarmentUrl);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        private static byte[] Json(Action<Utf8JsonWriter> writeMembers)
        {
            var buffer = new ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                writeMembers(writer);
                writer.WriteEndObject();
            }

            return buffer.WrittenSpan.ToArray();
        }
    }
}
