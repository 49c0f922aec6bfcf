using System.Buffers;
using System.Text;
using System.Text.Json;
using Aidge.Declarative.Serialization;
using Xunit;

namespace Aidge.Declarative.Tests;

/// <summary>The three requestParams values in the vendor's documentation, byte for byte, from equivalent records.</summary>
public class VendorSampleTests
{
    private const string GarmentUrl = "https://ae-pic-a1.aliexpress-media.com/kf/H7588ee37b7674fea814b55f2f516fda1z.jpg";

    private const string ModelPhotoUrl =
        "http://ai-business-algo-pai.oss-ap-southeast-1.aliyuncs.com/pengxin.zpx%2Fdatasets%2Ftest_images%2F365b8862-71cb-11ef-a6f9-964d09221cfd.png" +
        "?OSSAccessKeyId=LTAI5tAGoBnm5eYsnZ5E1zMr&Expires=1883910332&Signature=ebJZT4eoEN3kpsSiSpK4minOdRM%3D";

    public const string DescribedModelSample =
        """[{"clothesList":[{"imageUrl":"https://ae-pic-a1.aliexpress-media.com/kf/H7588ee37b7674fea814b55f2f516fda1z.jpg","type":"tops"}],"model":{"base":"General","gender":"female","style":"universal_1","body":"slim"},"viewType":"mixed","inputQualityDetect":0,"generateCount":4}]""";

    public const string NamedModelSample =
        """[{"clothesList":[{"imageUrl":"https://ae-pic-a1.aliexpress-media.com/kf/H7588ee37b7674fea814b55f2f516fda1z.jpg","type":"tops"}],"model":{"base":"General","name":"James"},"viewType":"mixed","inputQualityDetect":0,"generateCount":4}]""";

    public const string OwnModelSample =
        """[{"clothesList":[{"imageUrl":"https://ae-pic-a1.aliexpress-media.com/kf/H7588ee37b7674fea814b55f2f516fda1z.jpg","type":"tops"}],"modelImage":["http://ai-business-algo-pai.oss-ap-southeast-1.aliyuncs.com/pengxin.zpx%2Fdatasets%2Ftest_images%2F365b8862-71cb-11ef-a6f9-964d09221cfd.png?OSSAccessKeyId=LTAI5tAGoBnm5eYsnZ5E1zMr&Expires=1883910332&Signature=ebJZT4eoEN3kpsSiSpK4minOdRM%3D"]}]""";

    public static TheoryData<string, ITryOnRequest> Samples => new()
    {
        { DescribedModelSample, new DescribedModelTop(GarmentUrl) },
        { NamedModelSample, new NamedModelTop(GarmentUrl) },
        { OwnModelSample, new OwnModelTop(GarmentUrl, ModelPhotoUrl) },
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void ToRequestParams_is_the_vendor_sample(string expected, ITryOnRequest request)
    {
        Assert.Equal(expected, request.ToRequestParams());
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void WriteRequestParams_writes_the_vendor_sample_in_utf8(string expected, ITryOnRequest request)
    {
        var buffer = new ArrayBufferWriter<byte>();

        request.WriteRequestParams(buffer);

        Assert.Equal(Encoding.UTF8.GetBytes(expected), buffer.WrittenSpan.ToArray());
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void The_request_body_holds_the_vendor_sample_as_a_string(string expected, ITryOnRequest request)
    {
        var buffer = new ArrayBufferWriter<byte>();

        TryOnSerializer.WriteRequestBody(buffer, new[] { request });

        using JsonDocument body = JsonDocument.Parse(buffer.WrittenMemory);
        Assert.Equal(JsonValueKind.Object, body.RootElement.ValueKind);
        Assert.Single(body.RootElement.EnumerateObject());
        Assert.Equal(expected, body.RootElement.GetProperty("requestParams").GetString());
    }

    [Fact]
    public void The_request_body_is_what_a_two_pass_serializer_writes()
    {
        // What users write today: stringify the array, then serialize the body around that string.
        var buffer = new ArrayBufferWriter<byte>();
        string twoPass = JsonSerializer.Serialize(
            new { requestParams = NamedModelSample },
            new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

        TryOnSerializer.WriteRequestBody(buffer, new[] { new NamedModelTop(GarmentUrl) });

        Assert.Equal(twoPass, Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    [Fact]
    public void The_guides_summer_suit_is_a_tops_and_bottoms_suit_on_a_named_model()
    {
        var suit = new SummerSuit("https://img.example/top.jpg", "https://img.example/bottom.jpg");

        Assert.Equal(
            """[{"clothesList":[{"imageUrl":"https://img.example/top.jpg","type":"tops"},{"imageUrl":"https://img.example/bottom.jpg","type":"bottoms"}],"model":{"base":"General","name":"James"},"viewType":"mixed","generateCount":4}]""",
            suit.ToRequestParams());
    }
}
