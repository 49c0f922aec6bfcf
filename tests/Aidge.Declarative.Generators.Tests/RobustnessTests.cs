using System.Linq;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Aidge.Declarative.Generators.Tests;

/// <summary>
/// Whatever the user has typed, the generator never throws and reports nothing: what it cannot extend
/// it skips, and what it cannot read it leaves out (the analyzers say why).
/// </summary>
public class RobustnessTests
{
    public static TheoryData<string, string> Unextendable => new()
    {
        { "not partial", "[TryOnRequest] public record Look([Garment] string G);" },
        { "container not partial", "public class Outer { [TryOnRequest] public partial record Look([Garment] string G); }" },
        { "container partial in one part only", "public partial class Outer { } public class Outer { [TryOnRequest] public partial record Look([Garment] string G); }" },
        { "static class", "[TryOnRequest] public static partial class Look { }" },
        { "ref struct", "[TryOnRequest] public ref partial struct Look { [Garment] public string G { get; set; } }" },
        { "interface", "[TryOnRequest] public partial interface ILook { }" },
        { "enum", "[TryOnRequest] public enum Look { A }" },
        { "attribute not imported", "namespace Other { [TryOnRequest] public partial record Look(string G); }" },
        { "on a method", "public partial class Look { [TryOnRequest] public void M() { } }" },
    };

    [Theory]
    [MemberData(nameof(Unextendable))]
    public void A_type_it_cannot_extend_is_skipped(string why, string declaration)
    {
        string source = why == "attribute not imported" ? declaration : "using Aidge.Declarative;\n" + declaration;

        GeneratorRun run = GeneratorHarness.Run(source);

        Assert.Empty(run.Sources);
    }

    [Fact]
    public void Before_CSharp_9_nothing_is_generated()
    {
        GeneratorRun run = GeneratorHarness.Run(
            "using Aidge.Declarative; [TryOnRequest] public partial class Look { [Garment] public string G { get; set; } }",
            LanguageVersion.CSharp8);

        Assert.Empty(run.Sources);
    }

    public static TheoryData<string, string> UnreadableMembers => new()
    {
        { "garment of type int", "[Garment(GarmentType.Tops)] int Wrong" },
        { "garment of an undefined type", "[Garment((GarmentType)7)] string Wrong" },
        { "garment with a half-typed argument", "[Garment(GarmentType.)] string Wrong" },
        { "garment with a wrong argument type", "[Garment(\"tops\")] string Wrong" },
        { "model image of type int[]", "[ModelImage] int[] Wrong" },
        { "model image of a two-dimensional array", "[ModelImage] string[,] Wrong" },
        { "model image of a dictionary", "[ModelImage] System.Collections.Generic.Dictionary<string, string> Wrong" },
        { "generateCount of type string", "[GenerateCount] string Wrong" },
        { "generateCount of type long", "[GenerateCount] long Wrong" },
    };

    [Theory]
    [MemberData(nameof(UnreadableMembers))]
    public void A_member_it_cannot_read_is_left_out(string why, string parameter)
    {
        GeneratorRun run = GeneratorHarness.Run($$"""
            using Aidge.Declarative;
            [TryOnRequest]
            public partial record Look([Garment(GarmentType.Bottoms)] string Right, {{parameter}});
            """);

        string source = Assert.Single(run.Sources).SourceText.ToString();
        Assert.Contains("this.Right", source);
        Assert.DoesNotContain("Wrong", source);
        Assert.True(why.Length > 0);
    }

    public static TheoryData<string, string> UnreadableValues => new()
    {
        { "undefined view type", "[TryOnRequest(ViewType = (ViewType)9)]" },
        { "half-typed view type", "[TryOnRequest(ViewType = ViewType.)]" },
        { "wrong type for generateCount", "[TryOnRequest(GenerateCount = \"four\")]" },
        { "unknown named argument", "[TryOnRequest(Colour = 3)]" },
        { "unpaired surrogate in a model name", "[TryOnRequest, TryOnModel(Base = \"\\uD800\")]" },
        { "undefined gender", "[TryOnRequest, TryOnModel(Gender = (ModelGender)5)]" },
        { "duplicate attribute", "[TryOnRequest, TryOnRequest]" },
        { "positional argument", "[TryOnRequest(4)]" },
    };

    [Theory]
    [MemberData(nameof(UnreadableValues))]
    public void A_value_it_cannot_spell_is_left_out(string why, string attributes)
    {
        GeneratorRun run = GeneratorHarness.Run($$"""
            using Aidge.Declarative;
            {{attributes}}
            public partial record Look([Garment] string G);
            """);

        string source = Assert.Single(run.Sources).SourceText.ToString();
        Assert.DoesNotContain("viewType", source);
        Assert.DoesNotContain("generateCount", source);
        Assert.DoesNotContain("\"model\"", source);
        Assert.True(why.Length > 0);
    }

    [Fact]
    public void TryOnRequest_on_two_parts_of_one_type_gives_one_file()
    {
        GeneratorRun run = GeneratorHarness.Run("""
            using Aidge.Declarative;
            [TryOnRequest(ViewType = ViewType.Mixed)] public partial record Look([Garment] string G);
            [TryOnRequest(ViewType = ViewType.HalfBody)] public partial record Look;
            """);

        Assert.Contains("\\\"mixed\\\"", Assert.Single(run.Sources).SourceText.ToString());
    }

    [Fact]
    public void A_member_marked_twice_counts_once_and_the_first_generateCount_wins()
    {
        GeneratorRun run = GeneratorHarness.Run("""
            using Aidge.Declarative;
            [TryOnRequest]
            public partial record Look([Garment][property: Garment] string G, [GenerateCount] int First, [GenerateCount] int Second);
            """);

        string source = Assert.Single(run.Sources).SourceText.ToString();
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(source, "request\\.G is"));
        Assert.Contains("request.First", source);
        Assert.DoesNotContain(".Second", source);
        run.AssertCompilesCleanly();
    }

    [Fact]
    public void A_primary_constructor_parameter_of_a_class_is_not_a_member()
    {
        // C# 12 class parameters become no property; only what the type exposes can be written.
        GeneratorRun run = GeneratorHarness.Run("""
            using Aidge.Declarative;
            [TryOnRequest]
            public partial class Look([Garment] string hidden)
            {
                [Garment(GarmentType.Tops)] public string Top { get; } = hidden;
            }
            """);

        string source = Assert.Single(run.Sources).SourceText.ToString();
        Assert.Contains("this.Top", source);
        Assert.DoesNotContain("hidden", source);
        run.AssertCompilesCleanly();
    }

    [Fact]
    public void Half_typed_sources_never_make_it_throw()
    {
        string[] fragments =
        {
            "using Aidge.Declarative; [TryOnRequest(",
            "using Aidge.Declarative; [TryOnRequest] public partial record",
            "using Aidge.Declarative; [TryOnRequest] public partial record Look(",
            "using Aidge.Declarative; [TryOnRequest] public partial record Look([Garment(",
            "using Aidge.Declarative; [TryOnRequest] public partial record Look([Garment(GarmentType.Tops)] string",
            "using Aidge.Declarative; [TryOnRequest] public partial record Look([ModelImage] string[] P, [Garment] string G",
            "using Aidge.Declarative; [TryOnRequest][TryOnModel(Base = ] public partial record Look([Garment] string G);",
            "using Aidge.Declarative; [TryOnRequest] public partial record Look<>([Garment] string G);",
            "using Aidge.Declarative; [TryOnRequest] public partial record @([Garment] string G);",
        };

        foreach (string fragment in fragments)
        {
            GeneratorRun run = GeneratorHarness.Run(fragment);
            Assert.True(run.Sources.Count <= 1, fragment);
        }
    }
}
