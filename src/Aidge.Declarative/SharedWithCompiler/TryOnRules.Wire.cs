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
        /// <summary>The wire spelling of a garment type (<c>tops</c>, <c>bottoms</c>, <c>dresses</c>).</summary>
        public static string WireName(GarmentType value) => value switch
        {
            GarmentType.Tops => "tops",
            GarmentType.Bottoms => "bottoms",
            GarmentType.Dresses => "dresses",
            _ => throw Undefined(value),
        };

        /// <summary>The wire spelling of a view type (<c>fullbody</c>, <c>halfbody</c>, <c>mixed</c>).</summary>
        public static string WireName(ViewType value) => value switch
        {
            ViewType.FullBody => "fullbody",
            ViewType.HalfBody => "halfbody",
            ViewType.Mixed => "mixed",
            _ => throw Undefined(value),
        };

        /// <summary>The wire spelling of a gender (<c>male</c>, <c>female</c>).</summary>
        public static string WireName(ModelGender value) => value switch
        {
            ModelGender.Male => "male",
            ModelGender.Female => "female",
            _ => throw Undefined(value),
        };

        /// <summary>The wire spelling of a style (<c>universal_1</c> to <c>universal_3</c>).</summary>
        public static string WireName(ModelStyle value) => value switch
        {
            ModelStyle.Universal1 => "universal_1",
            ModelStyle.Universal2 => "universal_2",
            ModelStyle.Universal3 => "universal_3",
            _ => throw Undefined(value),
        };

        /// <summary>The wire spelling of an age group (<c>children</c>, <c>youngadult</c>).</summary>
        public static string WireName(ModelAge value) => value switch
        {
            ModelAge.Children => "children",
            ModelAge.YoungAdult => "youngadult",
            _ => throw Undefined(value),
        };

        /// <summary>The wire spelling of a body shape (<c>slim</c>, <c>curvy</c>).</summary>
        public static string WireName(ModelBody value) => value switch
        {
            ModelBody.Slim => "slim",
            ModelBody.Curvy => "curvy",
            _ => throw Undefined(value),
        };

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
            where TEnum : struct, Enum => value switch
        {
            GarmentType garment => WireName(garment),
            ViewType view => WireName(view),
            ModelGender gender => WireName(gender),
            ModelStyle style => WireName(style),
            ModelAge age => WireName(age),
            ModelBody body => WireName(body),
            _ => null,
        };

        /// <summary>The wire's field names, in the order the vendor writes them.</summary>
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

            /// <summary>The model library.</summary>
            public const string ModelBase = "base";

            /// <summary>A model's name in the library.</summary>
            public const string ModelName = "name";

            /// <summary>The model's gender.</summary>
            public const string ModelGender = "gender";

            /// <summary>The model's style.</summary>
            public const string ModelStyle = "style";

            /// <summary>The model's age group.</summary>
            public const string ModelAge = "age";

            /// <summary>The model's body shape.</summary>
            public const string ModelBody = "body";

            /// <summary>Full body, half body or mixed.</summary>
            public const string ViewType = "viewType";

            /// <summary>1 to filter low-quality inputs, 0 not to.</summary>
            public const string InputQualityDetect = "inputQualityDetect";

            /// <summary>How many pictures to generate.</summary>
            public const string GenerateCount = "generateCount";
        }
    }
}
