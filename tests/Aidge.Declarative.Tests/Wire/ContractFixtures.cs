namespace Aidge.Declarative.Tests.Wire;

/// <summary>
/// Answers typed in by hand from <c>../shared/aidge-api.md</c> (which cites the vendor's reference pages and
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
}
