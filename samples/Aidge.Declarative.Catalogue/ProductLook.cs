namespace Aidge.Declarative.CatalogueSample;

/// <summary>One row of the catalogue: a top, a bottom, or both as a suit, on the library's model.</summary>
[TryOnRequest(ViewType = ViewType.Mixed, GenerateCount = 4)]
[TryOnModel(Base = "General", Name = "James")]
public partial record ProductLook(
    [Garment(GarmentType.Tops)] string? Top,
    [Garment(GarmentType.Bottoms)] string? Bottom,
    [GenerateCount] int? Pictures);
