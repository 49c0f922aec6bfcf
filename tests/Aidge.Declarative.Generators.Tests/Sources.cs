namespace Aidge.Declarative.Generators.Tests;

/// <summary>Representative user sources, shared by the snapshot and compilation tests.</summary>
internal static class Sources
{
    /// <summary>The guide's example: a tops and bottoms suit on a library model chosen by name.</summary>
    public const string SummerSuit = """
        using Aidge.Declarative;

        namespace Shop.Looks;

        [TryOnRequest(ViewType = ViewType.Mixed, GenerateCount = 4)]
        [TryOnModel(Base = "General", Name = "James")]
        public partial record SummerSuit(
            [Garment(GarmentType.Tops)] string Top,
            [Garment(GarmentType.Bottoms)] string Bottom);
        """;

    /// <summary>The guide's declared client: a submit of one, of several, and a try-on that waits; and one inherited method.</summary>
    public const string Lookbook = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Aidge.Declarative;

        namespace Shop.Clients;

        public interface ISubmitsSuits
        {
            Task<TryOnOperation<Shop.Looks.SummerSuit>> SubmitAsync(Shop.Looks.SummerSuit look, CancellationToken cancellationToken = default);
        }

        [TryOnApi]
        public interface ILookbook : ISubmitsSuits
        {
            Task<TryOnOperation<Shop.Looks.SummerSuit>> SubmitAsync(IReadOnlyList<Shop.Looks.SummerSuit> looks, CancellationToken cancellationToken = default);

            Task<TryOnResult<Shop.Looks.SummerSuit>> TryOnAsync(Shop.Looks.SummerSuit look, IProgress<TryOnResult<Shop.Looks.SummerSuit>>? progress = null, CancellationToken cancellationToken = default);

            Task<TryOnResult<Shop.Looks.SummerSuit>> @TryOnAll(IReadOnlyList<Shop.Looks.SummerSuit> @event);

            string Describe() => "a default body is not implemented";
        }
        """;

    /// <summary>The user's own model photos, in every collection shape, and a described model.</summary>
    public const string ModelImages = """
        using System;
        using System.Collections.Generic;
        using System.Collections.Immutable;
        using Aidge.Declarative;

        namespace Shop.Looks
        {
            [TryOnRequest(Edition = TryOnEdition.Pro, InputQualityDetect = true)]
            [TryOnModel(Gender = ModelGender.Female, Style = ModelStyle.Universal2, Age = ModelAge.YoungAdult, Body = ModelBody.Curvy)]
            public partial record DressOnOwnPhotos([Garment(GarmentType.Dresses)] Uri Dress, [ModelImage] string? Photo)
            {
                [ModelImage] public string[]? Array { get; init; }
                [ModelImage] public List<Uri>? List { get; init; }
                [ModelImage] public ImmutableArray<string> Immutable { get; init; }
                [ModelImage] public IReadOnlyList<string>? ReadOnlyList { get; init; }
                [ModelImage] public IEnumerable<Uri>? Sequence { get; init; }
            }
        }
        """;

    /// <summary>Per-request generateCount members: with and without the attribute's fallback, and required.</summary>
    public const string GenerateCounts = """
        using Aidge.Declarative;

        namespace Shop.Looks
        {
            [TryOnRequest(GenerateCount = 2)]
            public partial record WithFallback([Garment] string Garment, [GenerateCount] int? Count);

            [TryOnRequest]
            public partial record WithoutFallback([Garment] string Garment, [GenerateCount] int? Count);

            [TryOnRequest(ViewType = ViewType.FullBody)]
            public partial class Required
            {
                [Garment] public string? Garment { get; set; }
                [GenerateCount] public int Count { get; set; }
            }
        }
        """;

    /// <summary>A readonly record struct nested in generic containers, and a request in the global namespace with keyword names.</summary>
    public const string NestedAndGlobal = """
        using Aidge.Declarative;

        namespace Shop
        {
            public static partial class Catalog<TKey>
            {
                public partial class Season<TSeason> where TSeason : struct
                {
                    [TryOnRequest(ViewType = ViewType.HalfBody)]
                    public readonly partial record struct Look([property: Garment(GarmentType.Tops)] string Top)
                    {
                        [Garment(GarmentType.Bottoms)] public string? Bottom { get; init; } = null;
                    }
                }
            }
        }

        [TryOnRequest]
        [TryOnModel(Base = "Quote\" and \\ and \n and </script> and caf\u00E9")]
        public partial record GlobalLook([Garment(GarmentType.Tops)] string @class);
        """;

    /// <summary>C# 9: records exist, record structs and file-scoped namespaces do not.</summary>
    public const string CSharp9 = """
        using System;
        using System.Collections.Generic;
        using Aidge.Declarative;

        namespace Shop.Looks
        {
            [TryOnRequest(ViewType = ViewType.Mixed, GenerateCount = 4)]
            [TryOnModel(Base = "General", Name = "James")]
            public partial record SummerSuit([Garment(GarmentType.Tops)] string Top, [Garment(GarmentType.Bottoms)] Uri Bottom)
            {
                [ModelImage] public IReadOnlyList<string>? Photos { get; init; }
                [ModelImage] public List<string>? More { get; init; }
                [GenerateCount] public int? Count { get; init; }
            }

            public partial class Outer<T>
            {
                [TryOnRequest]
                public partial struct Inner
                {
                    [Garment] public string Garment { get; set; }
                    [ModelImage] public string[] Photos { get; set; }
                }
            }
        }
        """;
}
