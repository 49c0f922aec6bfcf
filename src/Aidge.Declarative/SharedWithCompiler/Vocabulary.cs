// The API's vocabulary: the enums a declaration names (garment types, views, editions, model traits), public in the runtime.
//
// Compiled into the runtime library and, as linked source, into the generator and the analyzers (there in namespace
// Aidge.Declarative.Rules): a value a declaration can name is a value the compiler side knows. Their wire spellings are in
// TryOnRules.Wire.cs.

#if AIDGE_ROSLYN
namespace Aidge.Declarative.Rules
#else
namespace Aidge.Declarative
#endif
{
    /// <summary>The kind of garment a <c>clothesList</c> entry holds (the wire's <c>type</c>).</summary>
    public enum GarmentType
    {
        /// <summary>A top: shirt, T-shirt, jacket (<c>tops</c>).</summary>
        Tops = 0,

        /// <summary>Trousers, shorts or a skirt (<c>bottoms</c>).</summary>
        Bottoms = 1,

        /// <summary>A dress or a one-piece (<c>dresses</c>). A dress is always worn alone.</summary>
        Dresses = 2,
    }

    /// <summary>Which framing the generated pictures use (the wire's <c>viewType</c>).</summary>
    public enum ViewType
    {
        /// <summary>The whole body (<c>fullbody</c>); the service's default.</summary>
        FullBody = 0,

        /// <summary>The upper half of the body (<c>halfbody</c>).</summary>
        HalfBody = 1,

        /// <summary>A mix of full-body and half-body pictures (<c>mixed</c>).</summary>
        Mixed = 2,
    }

    /// <summary>Which edition of the service runs the request: it picks the endpoint.</summary>
    public enum TryOnEdition
    {
        /// <summary>The standard edition (<c>/ai/virtual/tryon</c>).</summary>
        Standard = 0,

        /// <summary>The pro edition (<c>/ai/virtual/tryon-pro</c>).</summary>
        Pro = 1,
    }

    /// <summary>The model's gender (the wire's <c>model.gender</c>).</summary>
    public enum ModelGender
    {
        /// <summary><c>male</c>.</summary>
        Male = 0,

        /// <summary><c>female</c>; the service's default.</summary>
        Female = 1,
    }

    /// <summary>The model's style (the wire's <c>model.style</c>).</summary>
    public enum ModelStyle
    {
        /// <summary><c>universal_1</c>; the service's default.</summary>
        Universal1 = 0,

        /// <summary><c>universal_2</c>.</summary>
        Universal2 = 1,

        /// <summary><c>universal_3</c>.</summary>
        Universal3 = 2,
    }

    /// <summary>The model's age group (the wire's <c>model.age</c>).</summary>
    public enum ModelAge
    {
        /// <summary><c>children</c>.</summary>
        Children = 0,

        /// <summary><c>youngadult</c>.</summary>
        YoungAdult = 1,
    }

    /// <summary>The model's body shape (the wire's <c>model.body</c>).</summary>
    public enum ModelBody
    {
        /// <summary><c>slim</c>; the service's default.</summary>
        Slim = 0,

        /// <summary><c>curvy</c> (plus-size).</summary>
        Curvy = 1,
    }
}
