using System;

namespace Aidge.Declarative
{
    /// <summary>
    /// Declares a try-on request: the source generator makes the partial type implement
    /// <see cref="ITryOnRequest"/> and writes its <c>requestParams</c> with the values given here.
    /// </summary>
    /// <remarks>
    /// A named argument that is not given is not written, so the service applies its default
    /// (full body, 4 pictures, no quality filter, the standard edition).
    /// </remarks>
    /// <example>
    /// <code>
    /// [TryOnRequest(ViewType = ViewType.Mixed, GenerateCount = 4)]
    /// [TryOnModel(Base = "General", Name = "James")]
    /// public partial record SummerSuit(
    ///     [Garment(GarmentType.Tops)] string Top,
    ///     [Garment(GarmentType.Bottoms)] string Bottom);
    /// </code>
    /// </example>
    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = false, Inherited = false)]
    public sealed class TryOnRequestAttribute : Attribute
    {
        /// <summary>The framing of the generated pictures (<c>viewType</c>).</summary>
        public ViewType ViewType { get; set; }

        /// <summary>How many pictures to generate, 1 to 8 (<c>generateCount</c>).</summary>
        public int GenerateCount { get; set; }

        /// <summary>Whether the service filters low-quality or incomplete flat-lay inputs (<c>inputQualityDetect</c>, written as 1 or 0).</summary>
        public bool InputQualityDetect { get; set; }

        /// <summary>The edition that runs the request; it picks the endpoint.</summary>
        public TryOnEdition Edition { get; set; }
    }

    /// <summary>
    /// Declares a typed try-on client: the source generator implements the interface. Each method submits
    /// requests of one <see cref="TryOnRequestAttribute"/> type and hands back their operation, or their result
    /// with each request paired with its own pictures. Get an implementation with
    /// <see cref="TryOnClient.CreateApi{TApi}"/>, or from dependency injection with <c>AddTryOnApi&lt;TApi&gt;()</c>.
    /// </summary>
    /// <example>
    /// <code>
    /// [TryOnApi]
    /// public interface ILookbook
    /// {
    ///     Task&lt;TryOnOperation&lt;SummerSuit&gt;&gt; SubmitAsync(SummerSuit look, CancellationToken cancellationToken = default);
    ///     Task&lt;TryOnOperation&lt;SummerSuit&gt;&gt; SubmitAsync(IReadOnlyList&lt;SummerSuit&gt; looks, CancellationToken cancellationToken = default);
    ///     Task&lt;TryOnResult&lt;SummerSuit&gt;&gt; TryOnAsync(SummerSuit look, IProgress&lt;TryOnResult&lt;SummerSuit&gt;&gt;? progress = null, CancellationToken cancellationToken = default);
    /// }
    /// </code>
    /// </example>
    [AttributeUsage(AttributeTargets.Interface, AllowMultiple = false, Inherited = false)]
    public sealed class TryOnApiAttribute : Attribute
    {
    }

    /// <summary>
    /// Chooses a model from the service's library (<see cref="Base"/> and <see cref="Name"/>) or describes
    /// one (<see cref="Gender"/>, <see cref="Style"/>, <see cref="Age"/>, <see cref="Body"/>): the wire's <c>model</c>.
    /// Only the values given are written.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = false, Inherited = false)]
    public sealed class TryOnModelAttribute : Attribute
    {
        /// <summary>The model library; <c>General</c> is the public one.</summary>
        public string? Base { get; set; }

        /// <summary>A model's name in the library, for example <c>James</c>.</summary>
        public string? Name { get; set; }

        /// <summary>The model's gender.</summary>
        public ModelGender Gender { get; set; }

        /// <summary>The model's style.</summary>
        public ModelStyle Style { get; set; }

        /// <summary>The model's age group.</summary>
        public ModelAge Age { get; set; }

        /// <summary>The model's body shape.</summary>
        public ModelBody Body { get; set; }
    }

    /// <summary>
    /// Marks a <see cref="string"/> or <see cref="Uri"/> property (or positional record parameter) as a
    /// garment's image URL: an entry of the wire's <c>clothesList</c>. A null value is left out.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
    public sealed class GarmentAttribute : Attribute
    {
        /// <summary>A garment whose type the service detects (allowed only when it is the only garment).</summary>
        public GarmentAttribute()
        {
        }

        /// <summary>A garment of the given type.</summary>
        public GarmentAttribute(GarmentType type)
        {
            Type = type;
        }

        /// <summary>The garment's type, or <see langword="null"/> when the service detects it.</summary>
        public GarmentType? Type { get; }
    }

    /// <summary>
    /// Marks a property (or positional record parameter) holding the URLs of the user's own model photos
    /// (the wire's <c>modelImage</c>): a <see cref="string"/>, a <see cref="Uri"/>, or a collection of either.
    /// All such members of a request go into one list, in declaration order; null values are left out.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
    public sealed class ModelImageAttribute : Attribute
    {
    }

    /// <summary>
    /// Marks an <see cref="int"/> or nullable <see cref="int"/> property (or positional record parameter)
    /// as this request's <c>generateCount</c>. It overrides <see cref="TryOnRequestAttribute.GenerateCount"/>;
    /// when it is null, the attribute's value is written, or nothing when the attribute gives none.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
    public sealed class GenerateCountAttribute : Attribute
    {
    }
}
