using System;
using System.Collections.Generic;
using Aidge.Declarative;

namespace Aidge.Declarative.Sample;

/// <summary>One top on a model from the public library, described by her traits.</summary>
[TryOnRequest(ViewType = ViewType.Mixed, GenerateCount = 4, InputQualityDetect = true)]
[TryOnModel(Base = "General", Gender = ModelGender.Female, Style = ModelStyle.Universal1, Body = ModelBody.Slim)]
public partial record LibraryModelTop([Garment(GarmentType.Tops)] string Top);

/// <summary>The guide's summer suit: a top and a bottom on a library model chosen by name.</summary>
[TryOnRequest(ViewType = ViewType.Mixed, GenerateCount = 4)]
[TryOnModel(Base = "General", Name = "James")]
public partial record SummerSuit(
    [Garment(GarmentType.Tops)] string Top,
    [Garment(GarmentType.Bottoms)] string Bottom);

/// <summary>A dress on the shopper's own photos, on the pro edition, with a per-request picture count.</summary>
[TryOnRequest(Edition = TryOnEdition.Pro, ViewType = ViewType.FullBody)]
public partial record DressOnOwnPhotos(
    [Garment(GarmentType.Dresses)] Uri Dress,
    [ModelImage] IReadOnlyList<string> Photos,
    [GenerateCount] int? Pictures = null);
