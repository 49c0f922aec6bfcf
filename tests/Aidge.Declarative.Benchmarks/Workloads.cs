using System;
using System.Linq;
using Aidge.Declarative;

namespace Aidge.Declarative.Benchmarks;

/// <summary>The vendor's first sample request.</summary>
[TryOnRequest(ViewType = ViewType.Mixed, InputQualityDetect = false, GenerateCount = 4)]
[TryOnModel(Base = "General", Gender = ModelGender.Female, Style = ModelStyle.Universal1, Body = ModelBody.Slim)]
public partial record VendorSample([Garment(GarmentType.Tops)] string Top);

/// <summary>A large request: a suit and 8 model image URLs of about 300 characters.</summary>
[TryOnRequest(ViewType = ViewType.Mixed, InputQualityDetect = true, GenerateCount = 8)]
[TryOnModel(Base = "General", Name = "James")]
public partial record LargeSuit(
    [Garment(GarmentType.Tops)] string Top,
    [Garment(GarmentType.Bottoms)] string Bottom,
    [ModelImage] string[] Photos);

/// <summary>The workloads of the serializer benchmarks.</summary>
public enum Workload
{
    /// <summary>The vendor's first sample.</summary>
    VendorSample,

    /// <summary>Tops + bottoms with 8 model images of ~300 characters.</summary>
    Large,

    /// <summary>16 requests in one array.</summary>
    Batch16,
}

internal static class Data
{
    public const string SampleUrl = "https://ae-pic-a1.aliexpress-media.com/kf/H7588ee37b7674fea814b55f2f516fda1z.jpg";

    public static readonly VendorSample SampleRef = new(SampleUrl);

    public static VendorSample Sample => SampleRef;

    public static LargeSuit Large => LargeRef;

    public static readonly LargeSuit LargeRef = new(
        "https://ae-pic-a1.aliexpress-media.com/kf/S2a8b6f1c0d3e4f5a6b7c8d9e0f1a2b3cT/linen-shirt-men-summer.jpg",
        "https://ae-pic-a1.aliexpress-media.com/kf/S9f8e7d6c5b4a39281706f5e4d3c2b1a0Q/chino-shorts-men.jpg",
        Enumerable.Range(1, 8).Select(Photo).ToArray());

    public static VendorSample[] Batch { get; } = Enumerable.Range(1, 16)
        .Select(i => new VendorSample($"https://ae-pic-a1.aliexpress-media.com/kf/H7588ee37b7674fea814b55f2f516fd{i:00}z.jpg"))
        .ToArray();

    // ~300 characters with %2F, & and =, like the vendor's signed OSS URLs.
    private static string Photo(int i)
    {
        string url = "http://ai-business-algo-pai.oss-ap-southeast-1.aliyuncs.com/pengxin.zpx%2Fdatasets%2Ftest_images%2F365b8862-71cb-11ef-a6f9-964d09221c" + i.ToString("00") +
            ".png?OSSAccessKeyId=LTAI5tAGoBnm5eYsnZ5E1zMr&Expires=1883910332&Signature=ebJZT4eoEN3kpsSiSpK4minOdRM%3D&x-oss-process=image%2Fresize%2Cw_1024%2Ch_1536%2Fformat%2Cwebp&versionId=CAEQmwIYgoDA";
        return url.PadRight(300, 'x');
    }
}
