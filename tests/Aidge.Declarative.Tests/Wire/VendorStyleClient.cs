using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace Aidge.Declarative.Tests.Wire;

/// <summary>
/// A client written apart from the project's code, as the contract says the vendor's HTTP samples behave: it
/// signs with its own HMAC, builds the query string and bodies by hand with <see cref="JsonNode"/>, sends
/// <c>x-iop-trial</c> as <c>true</c> or <c>false</c> on every call (the Python sample), reads the submit's task id
/// as <c>data.result.taskId</c> with <c>result</c> an object, and polls <c>data.taskStatus</c> until it is
/// <c>finished</c> or <c>failed</c>. It uses nothing of Aidge.Declarative, so it cannot share its assumptions.
/// </summary>
internal sealed class VendorStyleClient(Uri baseAddress, string accessKey, string secret)
{
    private static readonly HttpClient s_http = new();

    /// <summary>The names the sample sends; the pro page's other names can be set.</summary>
    public string RequestParamsName { get; init; } = "requestParams";

    public string QueryTaskIdName { get; init; } = "task_id";

    public bool Trial { get; init; }

    /// <summary>Sends this value of <c>x-iop-trial</c> instead, to try the gateway with one the samples never send.</summary>
    public string? TrialHeaderValue { get; init; }

    /// <summary>Posts <paramref name="body"/> to <c>/rest{api}</c>, signed, and returns the answer's text.</summary>
    public async Task<string> InvokeAsync(string api, string body, CancellationToken cancellationToken = default)
    {
        string timestamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        byte[] mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(secret + timestamp));
        string sign = Convert.ToHexString(mac).ToUpperInvariant();
        string url = $"{baseAddress.GetLeftPart(UriPartial.Authority)}/rest{api}?partner_id=aidge&sign_method=sha256&sign_ver=v2&app_key={accessKey}&timestamp={timestamp}&sign={sign}";
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Content.Headers.ContentType!.CharSet = null;
        request.Headers.Add("x-iop-trial", TrialHeaderValue ?? (Trial ? "true" : "false"));
        using HttpResponseMessage response = await s_http.SendAsync(request, cancellationToken);
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    /// <summary>
    /// Submits <paramref name="requestParams"/> (an array, or one object as the pro Python sample sends it), its JSON
    /// written with the Python sample's <c>json.dumps</c> spacing, and returns <c>data.result.taskId</c>.
    /// </summary>
    public async Task<string> SubmitAsync(string api, JsonNode requestParams, CancellationToken cancellationToken = default)
    {
        var body = new JsonObject { [RequestParamsName] = PythonDumps(requestParams) };
        JsonNode answer = JsonNode.Parse(await InvokeAsync(api, PythonDumps(body), cancellationToken))!;

        // As the samples do: data.result.taskId, with result an object. A string result throws here, as the
        // Python sample stops with AttributeError and the Java sample with NullPointerException.
        return answer["data"]!["result"]!["taskId"]!.GetValue<string>();
    }

    /// <summary>Polls until <c>data.taskStatus</c> is finished or failed and returns that answer's <c>data</c>.</summary>
    public async Task<JsonNode> WaitAsync(string taskId, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var body = new JsonObject { [QueryTaskIdName] = taskId };
            JsonNode answer = JsonNode.Parse(await InvokeAsync("/ai/virtual/tryon-results", body.ToJsonString(), cancellationToken))!;
            string? status = answer["data"]?["taskStatus"]?.GetValue<string>();
            if (status is "finished" or "failed")
            {
                return answer["data"]!;
            }

            await Task.Delay(20, cancellationToken);
        }
    }

    /// <summary>Each picture as the Query API reference documents it: (sub-task, imageUrl, clothes).</summary>
    public static List<(int SubTask, string ImageUrl, string? Clothes)> Pictures(JsonNode data)
    {
        var pictures = new List<(int, string, string?)>();
        JsonArray subTasks = data["taskResult"]!.AsArray();
        for (int i = 0; i < subTasks.Count; i++)
        {
            foreach (JsonNode? picture in subTasks[i]!["taskResult"]!["result"]!["imageList"]!.AsArray())
            {
                pictures.Add((i, picture!["imageUrl"]!.GetValue<string>(), picture["clothes"]?.GetValue<string>()));
            }
        }

        return pictures;
    }

    // Python's json.dumps: ", " and ": " between items, non-ASCII escaped.
    private static string PythonDumps(JsonNode node)
    {
        string compact = node.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Default });
        var spaced = new StringBuilder(compact.Length + 32);
        bool inString = false, escaped = false;
        foreach (char c in compact)
        {
            spaced.Append(c);
            if (inString)
            {
                if (escaped)
                {
                    escaped = false;
                }
                else if (c == '\\')
                {
                    escaped = true;
                }
                else if (c == '"')
                {
                    inString = false;
                }
            }
            else if (c == '"')
            {
                inString = true;
            }
            else if (c is ',' or ':')
            {
                spaced.Append(' ');
            }
        }

        return spaced.ToString();
    }
}
