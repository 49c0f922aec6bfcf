namespace Aidge.Declarative.CatalogueSample;

/// <summary>One row of the catalogue: a top, a bottom, or both as a suit, on the library's model.</summary>
[TryOnRequest(ViewType = ViewType.Mixed, GenerateCount = 4)]
[TryOnModel(Base = "General", Name = "James")]
public partial record ProductLook(
    [Garment(GarmentType.Tops)] string? Top,
    [Garment(GarmentType.Bottoms)] string? Bottom,
    [GenerateCount] int? Pictures)
{
    /// <summary>The catalogue's line the look was read from: not sent, not part of its fingerprint, only to name it in the results.</summary>
    public long Line { get; init; }
}
