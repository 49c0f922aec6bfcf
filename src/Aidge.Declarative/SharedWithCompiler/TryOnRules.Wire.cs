// The API's wire names: every enum value's spelling and every field's name, in the vendor's order. Compiled where
// TryOnRules.cs is.

using System;

#if AIDGE_ROSLYN
namespace Aidge.Declarative.Rules
#else
namespace Aidge.Declarative
#endif
{
    internal static partial class TryOnRules
    {
        // The spellings themselves are rows of the vocabulary (TryOnRules.Vocabulary.cs); these give each enum's by its type.

        /// <summary>The wire spelling of a garment type (<c>tops</c>, <c>bottoms</c>, <c>dresses</c>).</summary>
        public static string WireName(GarmentType value) => SpellingOf(value) ?? throw Undefined(value);

        /// <summary>The wire spelling of a view type (<c>fullbody</c>, <c>halfbody</c>, <c>mixed</c>).</summary>
        public static string WireName(ViewType value) => SpellingOf(value) ?? throw Undefined(value);

        /// <summary>The wire spelling of a gender (<c>male</c>, <c>female</c>).</summary>
        public static string WireName(ModelGender value) => SpellingOf(value) ?? throw Undefined(value);

        /// <summary>The wire spelling of a style (<c>universal_1</c> to <c>universal_3</c>).</summary>
        public static string WireName(ModelStyle value) => SpellingOf(value) ?? throw Undefined(value);

        /// <summary>The wire spelling of an age group (<c>children</c>, <c>youngadult</c>).</summary>
        public static string WireName(ModelAge value) => SpellingOf(value) ?? throw Undefined(value);

        /// <summary>The wire spelling of a body shape (<c>slim</c>, <c>curvy</c>).</summary>
        public static string WireName(ModelBody value) => SpellingOf(value) ?? throw Undefined(value);

        /// <summary>The enum value a wire spelling stands for (<c>"tops"</c> is <see cref="GarmentType.Tops"/>); false for any other text.</summary>
        public static bool TryParseWireName<TEnum>(string? text, out TEnum value)
            where TEnum : struct, Enum
        {
#if NET5_0_OR_GREATER
            TEnum[] candidates = Enum.GetValues<TEnum>();
#else
            var candidates = (TEnum[])Enum.GetValues(typeof(TEnum));
#endif
            foreach (TEnum candidate in candidates)
            {
                if (text is not null && string.Equals(WireNameOf(candidate), text, StringComparison.Ordinal))
                {
                    value = candidate;
                    return true;
                }
            }

            value = default;
            return false;
        }

        private static string? WireNameOf<TEnum>(TEnum value)
            where TEnum : struct, Enum => SpellingOf(value);

        // A value's spelling: a garment type's from the garment spellings, any other from its row of the vocabulary.
        private static string? SpellingOf<TEnum>(TEnum value)
            where TEnum : struct, Enum
        {
            int number = Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture);
            return typeof(TEnum) == typeof(GarmentType)
                ? (number >= 0 && number < GarmentSpellings.Length ? GarmentSpellings[number] : null)
                : TraitOf(typeof(TEnum))?.Spell(number);
        }

        /// <summary>
        /// The wire's structural field names, in the order the vendor writes them; the fields the attributes set are named in their
        /// rows of the vocabulary (<see cref="Traits"/>).
        /// </summary>
        public static class Fields
        {
            /// <summary>The submit body's one property; some vendor pages call it <c>paramJson</c>.</summary>
            public const string RequestParams = "requestParams";

            /// <summary>The query body's one property; the Chinese pages call it <c>taskId</c>.</summary>
            public const string QueryTaskId = "task_id";

            /// <summary>The suit: 1 or 2 garments.</summary>
            public const string ClothesList = "clothesList";

            /// <summary>A garment's image URL.</summary>
            public const string ImageUrl = "imageUrl";

            /// <summary>A garment's type.</summary>
            public const string Type = "type";

            /// <summary>The user's own model photos.</summary>
            public const string ModelImage = "modelImage";

            /// <summary>The library model, chosen or described.</summary>
            public const string Model = "model";

            /// <summary>How many pictures to generate.</summary>
            public const string GenerateCount = "generateCount";
        }
    }
}
