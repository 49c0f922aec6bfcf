namespace Aidge.Declarative.Tests.Wire;

/// <summary>
/// Answers typed in by hand from <c>docs/aidge-api.md</c> (which cites the vendor's reference pages and
/// samples), never produced by the fake server's or the client's code: the client is read against these, and the
/// fake server's answers are held to their shape, so that the two cannot drift away from the vendor together.
/// </summary>
internal static class ContractFixtures
{
    /// <summary>"Vendor sample submit response (the reference page's)": <c>data.result</c> a string; success and resCode strings.</summary>
    public const string SubmitAnswerReferencePage =
        """{"code":"0","data":{"result":"{\"taskId\":\"1ce4fd33-b9d5-4e21-a24c-0c4027d2b105\"}"},"requestId":"212cd83017085872506144758e3fca","success":"true","resCode":"200","resMessage":"success","request_id":"0ba2887315178178017221014"}""";

    /// <summary>
    /// "Submit success": <c>data.result</c> as an OBJECT, <c>"result":{"taskId":"..."}</c>, the form the vendor's Python, Java
    /// and Go samples read; the rest of the envelope as in the reference page's sample.
    /// </summary>
    public const string SubmitAnswerObject =
        """{"code":"0","data":{"result":{"taskId":"1ce4fd33-b9d5-4e21-a24c-0c4027d2b105"}},"requestId":"212cd83017085872506144758e3fca","success":"true","resCode":"200","resMessage":"success","request_id":"0ba2887315178178017221014"}""";

    /// <summary>The task id of the fixtures.</summary>
    public const string TaskId = "1ce4fd33-b9d5-4e21-a24c-0c4027d2b105";

    /// <summary>"Query success": the illustrative answer, exactly as the contract gives it.</summary>
    public const string QueryAnswerNested =
        """{"code":"0","data":{"taskId":"1ce4fd33-b9d5-4e21-a24c-0c4027d2b105","taskStatus":"finished","taskResult":[{"taskStatus":"finished","taskResult":{"result":{"imageList":[{"imageUrl":"https://img.example/p0.jpg","clothes":"https://shop.example/tee.jpg"},{"imageUrl":"https://img.example/p1.jpg","clothes":"https://shop.example/tee.jpg"}]}}}]},"success":true,"resCode":200,"resMessage":"success","requestId":"2101a8f417..."}""";

    /// <summary>
    /// The same answer with the sub-task's <c>taskStatus</c> inside its <c>taskResult</c> object: "read it at the entry
    /// and inside taskResult alike".
    /// </summary>
    public const string QueryAnswerStatusInside =
        """{"code":"0","data":{"taskId":"1ce4fd33-b9d5-4e21-a24c-0c4027d2b105","taskStatus":"finished","taskResult":[{"taskResult":{"taskStatus":"finished","result":{"imageList":[{"imageUrl":"https://img.example/p0.jpg","clothes":"https://shop.example/tee.jpg"},{"imageUrl":"https://img.example/p1.jpg","clothes":"https://shop.example/tee.jpg"}]}}}]},"success":true,"resCode":200,"resMessage":"success","requestId":"2101a8f417..."}""";

    /// <summary>
    /// "Earlier versions of this contract put <c>result</c> straight on the entry and <c>clothes</c> beside <c>imageList</c>":
    /// the older flat form, which may be read as a fallback.
    /// </summary>
    public const string QueryAnswerFlat =
        """{"code":"0","data":{"taskId":"1ce4fd33-b9d5-4e21-a24c-0c4027d2b105","taskStatus":"finished","taskResult":[{"taskStatus":"finished","result":{"imageList":[{"imageUrl":"https://img.example/p0.jpg"},{"imageUrl":"https://img.example/p1.jpg"}],"clothes":"https://shop.example/tee.jpg"}}]},"success":true,"resCode":200,"resMessage":"success","requestId":"2101a8f417..."}""";

    /// <summary>
    /// The illustrative answer for a suit and a dress in one task (two sub-tasks), each picture naming the garment
    /// it was made from.
    /// </summary>
    public const string QueryAnswerTwoSubTasks =
        """{"code":"0","data":{"taskId":"1ce4fd33-b9d5-4e21-a24c-0c4027d2b105","taskStatus":"finished","taskResult":[{"taskStatus":"finished","taskResult":{"result":{"imageList":[{"imageUrl":"https://img.example/p0.jpg","clothes":"https://shop.example/tee.jpg"},{"imageUrl":"https://img.example/p1.jpg","clothes":"https://shop.example/shorts.jpg"}]}}},{"taskStatus":"finished","taskResult":{"result":{"imageList":[{"imageUrl":"https://img.example/p2.jpg","clothes":"https://shop.example/dress.jpg"}]}}}]},"success":true,"resCode":200,"resMessage":"success","requestId":"2101a8f417..."}""";

    /// <summary>The contract's statuses: "submitted | running | finished | failed".</summary>
    public static readonly string[] Statuses = { "submitted", "running", "finished", "failed" };

    /// <summary>The envelope's fields, from the contract's table: an answer may carry any of them.</summary>
    public static readonly string[] EnvelopeFields = { "resCode", "resMessage", "success", "requestId", "data", "code", "request_id" };

    /// <summary>A finished task whose only sub-task has an empty picture list in the documented place.</summary>
    public const string FinishedWithEmptyImageList =
        """{"code":"0","data":{"taskId":"1ce4fd33-b9d5-4e21-a24c-0c4027d2b105","taskStatus":"finished","taskResult":[{"taskStatus":"finished","taskResult":{"result":{"imageList":[]}}}]},"success":true,"resCode":200,"resMessage":"success","requestId":"req-empty-1"}""";

    /// <summary>
    /// A finished task whose pictures sit where no vendor source puts them (here under <c>images[].url</c>, a value that
    /// must never be echoed into the error).
    /// </summary>
    public const string FinishedWithPicturesElsewhere =
        """{"code":"0","data":{"taskId":"1ce4fd33-b9d5-4e21-a24c-0c4027d2b105","taskStatus":"finished","taskResult":[{"taskStatus":"finished","taskResult":{"images":[{"url":"https://secret.example/do-not-echo.jpg"}]}}]},"success":true,"resCode":200,"resMessage":"success","requestId":"req-elsewhere-2"}""";

    /// <summary>A finished task with no sub-task at all.</summary>
    public const string FinishedWithNoSubTasks =
        """{"code":"0","data":{"taskId":"1ce4fd33-b9d5-4e21-a24c-0c4027d2b105","taskStatus":"finished","taskResult":[]},"success":true,"resCode":200,"resMessage":"success","requestId":"req-none-3"}""";

    /// <summary>A finished task of two sub-tasks, the second with no picture.</summary>
    public const string FinishedWithOneEmptySubTask =
        """{"code":"0","data":{"taskId":"1ce4fd33-b9d5-4e21-a24c-0c4027d2b105","taskStatus":"finished","taskResult":[{"taskStatus":"finished","taskResult":{"result":{"imageList":[{"imageUrl":"https://img.example/p0.jpg","clothes":"https://shop.example/tee.jpg"}]}}},{"taskStatus":"finished","taskResult":{"result":{"imageList":[]}}}]},"success":true,"resCode":200,"resMessage":"success","requestId":"req-half-4"}""";

    // The gateway's own refusals ("The gateway's own answers"): type, code, message, request_id.

    /// <summary>A bad signature: the contract's own example, verbatim.</summary>
    public const string GatewayBadSignature =
        """{"type":"ISV","code":"IncompleteSignature","message":"The request signature does not conform to platform standards","request_id":"0ba2887315178178017221014"}""";

    /// <summary>An unknown access key, in the contract's shape, worded as the gateways of the same family word it.</summary>
    public const string GatewayBadKey =
        """{"type":"ISV","code":"InvalidAppKey","message":"The specified App Key is invalid","request_id":"0ba2887315178178017221015"}""";

    /// <summary>An expired timestamp, in the contract's shape, worded as the gateways of the same family word it.</summary>
    public const string GatewayExpiredTimestamp =
        """{"type":"ISV","code":"IllegalTimestamp","message":"The timestamp is invalid or malformed","request_id":"0ba2887315178178017221016"}""";

    /// <summary>
    /// No paid quota and no <c>x-iop-trial</c> header: the contract's code <c>NoResource</c>, in its shape, with the trace id
    /// "vendor answers may also carry" (the message is not given by the contract: a stand-in).
    /// </summary>
    public const string GatewayNoResource =
        """{"type":"ISV","code":"NoResource","message":"No calling resources left for this API","request_id":"0ba2887315178178017221017","_trace_id_":"212cf75117753776968057472e0f29"}""";

    /// <summary>A refusal the gateway says is the service's fault (<c>type</c> ISP), in the contract's shape.</summary>
    public const string GatewayServiceFault =
        """{"type":"ISP","code":"ServiceUnavailable","message":"The service is unavailable","request_id":"0ba2887315178178017221018"}""";

    /// <summary>"An account without quota gets an error whose message starts 'Sorry, your calling resources have been exhausted'", in the API's envelope.</summary>
    public const string QuotaExhaustedEnvelope =
        """{"code":"0","success":false,"resCode":500,"resMessage":"Sorry, your calling resources have been exhausted, please purchase more","requestId":"212cd83017085872506144758e3fcb"}""";

    // The quota balance ("The quota balance"): the contract's answer, its ids filled in.

    /// <summary><c>data.balance</c> a number, as the contract's answer writes it.</summary>
    public const string BalanceAnswer =
        """{"code":"0","data":{"balance":123},"success":true,"request_id":"0ba2887315178178017221019","_trace_id_":"212cf75117753776968057472e0f30"}""";

    /// <summary>The same answer with the balance a string: "read a number or a numeric string".</summary>
    public const string BalanceAnswerString =
        """{"code":"0","data":{"balance":"123"},"success":true,"request_id":"0ba2887315178178017221019","_trace_id_":"212cf75117753776968057472e0f30"}""";

    /// <summary>A successful answer that holds no balance.</summary>
    public const string BalanceAnswerWithoutBalance =
        """{"code":"0","data":{},"success":true,"request_id":"0ba2887315178178017221020"}""";

    /// <summary>
    /// The sibling APIs' form (Hands&amp;Feet Repair): each entry's <c>taskResult</c> a JSON STRING holding the object; otherwise
    /// the contract's illustrative answer.
    /// </summary>
    public const string QueryAnswerTaskResultString =
        """{"code":"0","data":{"taskId":"1ce4fd33-b9d5-4e21-a24c-0c4027d2b105","taskStatus":"finished","taskResult":[{"taskStatus":"finished","taskResult":"{\"result\":{\"imageList\":[{\"imageUrl\":\"https://img.example/p0.jpg\",\"clothes\":\"https://shop.example/tee.jpg\"},{\"imageUrl\":\"https://img.example/p1.jpg\",\"clothes\":\"https://shop.example/tee.jpg\"}]}}"}]},"success":true,"resCode":200,"resMessage":"success","requestId":"2101a8f417..."}""";

    /// <summary>
    /// "With modelImage given, the number of pictures depends on the number of model images": two sub-tasks sent with
    /// generateCount 4, answered with 3 pictures for the first and 6 for the second.
    /// </summary>
    public const string QueryAnswerOtherCounts =
        """{"code":"0","data":{"taskId":"1ce4fd33-b9d5-4e21-a24c-0c4027d2b105","taskStatus":"finished","taskResult":[{"taskStatus":"finished","taskResult":{"result":{"imageList":[{"imageUrl":"https://img.example/a0.jpg","clothes":"https://shop.example/tee.jpg"},{"imageUrl":"https://img.example/a1.jpg","clothes":"https://shop.example/tee.jpg"},{"imageUrl":"https://img.example/a2.jpg","clothes":"https://shop.example/tee.jpg"}]}}},{"taskStatus":"finished","taskResult":{"result":{"imageList":[{"imageUrl":"https://img.example/b0.jpg","clothes":"https://shop.example/shirt.jpg"},{"imageUrl":"https://img.example/b1.jpg","clothes":"https://shop.example/shirt.jpg"},{"imageUrl":"https://img.example/b2.jpg","clothes":"https://shop.example/shirt.jpg"},{"imageUrl":"https://img.example/b3.jpg","clothes":"https://shop.example/shirt.jpg"},{"imageUrl":"https://img.example/b4.jpg","clothes":"https://shop.example/shirt.jpg"},{"imageUrl":"https://img.example/b5.jpg","clothes":"https://shop.example/shirt.jpg"}]}}}]},"success":true,"resCode":200,"resMessage":"success","requestId":"req-counts-5"}""";

    /// <summary>Two sub-tasks sent, and every picture (8 of them) made for the first: the second request got none.</summary>
    public const string QueryAnswerAllForOne =
        """{"code":"0","data":{"taskId":"1ce4fd33-b9d5-4e21-a24c-0c4027d2b105","taskStatus":"finished","taskResult":[{"taskStatus":"finished","taskResult":{"result":{"imageList":[{"imageUrl":"https://img.example/c0.jpg","clothes":"https://shop.example/tee.jpg"},{"imageUrl":"https://img.example/c1.jpg","clothes":"https://shop.example/tee.jpg"},{"imageUrl":"https://img.example/c2.jpg","clothes":"https://shop.example/tee.jpg"},{"imageUrl":"https://img.example/c3.jpg","clothes":"https://shop.example/tee.jpg"},{"imageUrl":"https://img.example/c4.jpg","clothes":"https://shop.example/tee.jpg"},{"imageUrl":"https://img.example/c5.jpg","clothes":"https://shop.example/tee.jpg"},{"imageUrl":"https://img.example/c6.jpg","clothes":"https://shop.example/tee.jpg"},{"imageUrl":"https://img.example/c7.jpg","clothes":"https://shop.example/tee.jpg"}]}}},{"taskStatus":"finished","taskResult":{"result":{"imageList":[]}}}]},"success":true,"resCode":200,"resMessage":"success","requestId":"req-one-6"}""";
}
