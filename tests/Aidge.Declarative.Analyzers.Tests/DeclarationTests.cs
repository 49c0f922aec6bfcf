using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace Aidge.Declarative.Analyzers.Tests;

/// <summary>AIDGE004-AIDGE015: everything else a declaration can get wrong.</summary>
public class DeclarationTests
{
    [Fact]
    public async Task A_request_that_is_not_partial_or_sits_in_a_type_that_is_not_is_AIDGE004()
    {
        await Verify.AnalyzerAsync("""
            using Aidge.Declarative;

            [TryOnRequest]
            public record {|#0:Look|}([Garment] string G);

            public class {|#1:Shop|}
            {
                [TryOnRequest]
                public partial record Inner([Garment] string G);
            }
            """,
            Verify.Diagnostic("AIDGE004").WithLocation(0).WithArguments("Look"),
            Verify.Diagnostic("AIDGE004").WithLocation(1).WithArguments("Shop"));
    }

    [Fact]
    public async Task A_request_with_no_garment_is_AIDGE005_on_its_name()
    {
        await Verify.AnalyzerAsync("""
            using Aidge.Declarative;

            [TryOnRequest]
            public partial record {|AIDGE005:Look|}([ModelImage] string Photo);
            """);
    }

    [Fact]
    public async Task A_member_of_an_unsupported_type_is_AIDGE006_on_its_type()
    {
        await Verify.AnalyzerAsync("""
            using System.Collections.Generic;
            using Aidge.Declarative;

            [TryOnRequest]
            public partial record Look(
                [Garment] string G,
                [Garment] {|#0:int|} Wrong,
                [ModelImage] {|#1:Dictionary<string, string>|} Photos,
                [GenerateCount] {|#2:long|} Count)
            {
                [ModelImage] public {|#3:int[]?|} Numbers { get; init; }
            }
            """,
            Verify.Diagnostic("AIDGE006").WithLocation(0).WithArguments("Wrong", "int", "a [Garment] is a string or a System.Uri"),
            Verify.Diagnostic("AIDGE006").WithLocation(1).WithArguments("Photos", "Dictionary<string, string>", "a [ModelImage] is a string, a System.Uri, or a collection of either (string[], List<string>, IReadOnlyList<Uri>, ...)"),
            Verify.Diagnostic("AIDGE006").WithLocation(2).WithArguments("Count", "long", "a [GenerateCount] is an int or an int?"),
            Verify.Diagnostic("AIDGE006").WithLocation(3).WithArguments("Numbers", "int[]?", "a [ModelImage] is a string, a System.Uri, or a collection of either (string[], List<string>, IReadOnlyList<Uri>, ...)"));
    }

    [Fact]
    public async Task Every_supported_member_type_is_fine()
    {
        await Verify.AnalyzerAsync("""
            using System;
            using System.Collections.Generic;
            using System.Collections.Immutable;
            using Aidge.Declarative;

            [TryOnRequest]
            public partial record Look([Garment] Uri G, [ModelImage] string? A, [ModelImage] Uri? B, [GenerateCount] int Count)
            {
                [ModelImage] public string[]? C { get; init; }
                [ModelImage] public List<Uri>? D { get; init; }
                [ModelImage] public ImmutableArray<string> E { get; init; }
                [ModelImage] public IEnumerable<string>? F { get; init; }
                [ModelImage] public IReadOnlyCollection<Uri>? H { get; init; }
                [ModelImage] public HashSet<string>? I { get; init; }
            }
            """);
    }

    [Fact]
    public async Task A_member_the_serializer_cannot_read_is_AIDGE010()
    {
        await Verify.AnalyzerAsync("""
            using Aidge.Declarative;

            [TryOnRequest]
            public partial class Look([{|#0:Garment|}] string hidden)
            {
                [Garment(GarmentType.Tops)] public string Top { get; } = hidden;
                [{|#1:ModelImage|}] public string Photo { set { } }
            }
            """,
            Verify.Diagnostic("AIDGE010").WithLocation(0).WithArguments("hidden", "is a constructor parameter that does not become a property"),
            Verify.Diagnostic("AIDGE010").WithLocation(1).WithArguments("Photo", "is a property with no getter"));
    }

    [Fact]
    public async Task A_marked_parameter_of_a_constructor_that_is_not_primary_is_AIDGE010_not_silently_dropped()
    {
        await Verify.AnalyzerAsync("""
            using Aidge.Declarative;

            [TryOnRequest]
            public partial class Look
            {
                public Look([{|#0:Garment|}] string shirt) { Shirt = shirt; }

                [Garment(GarmentType.Tops)] public string Shirt { get; }
            }
            """,
            Verify.Diagnostic("AIDGE010").WithLocation(0).WithArguments("shirt", "is a parameter of a constructor that is not a primary one, and so becomes no member the serializer can read: put the attribute on the property it sets"));
    }

    [Fact]
    public async Task Request_attributes_on_a_type_without_TryOnRequest_are_AIDGE024_on_its_name()
    {
        await Verify.AnalyzerAsync("""
            using Aidge.Declarative;

            public partial record {|#0:Shirt|}([Garment(GarmentType.Tops)] string Url, [GenerateCount] int Count = 40);

            [TryOnModel(Base = "General", Name = "James")]
            public partial record {|#1:OnJames|}(string Url);

            public abstract record BaseLook([Garment(GarmentType.Tops)] string Top);

            public class Tops { [Garment(GarmentType.Tops)] public string Top { get; init; } = ""; }

            [TryOnRequest]
            public partial class Outfit : Tops { [Garment(GarmentType.Bottoms)] public string Bottom { get; init; } = ""; }

            public record Plain(string Url);
            """,
            new DiagnosticResult("AIDGE024", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("Shirt", "a [Garment] member ('Url')"),
            new DiagnosticResult("AIDGE024", DiagnosticSeverity.Warning).WithLocation(1).WithArguments("OnJames", "[TryOnModel]"));
    }

    [Fact]
    public async Task A_static_class_or_ref_struct_is_AIDGE011()
    {
        await Verify.AnalyzerAsync("""
            using Aidge.Declarative;

            [TryOnRequest]
            public static partial class {|#0:Looks|} { }

            [TryOnRequest]
            public ref partial struct {|#1:Span|} { [Garment] public string G { get; set; } }
            """,
            Verify.Diagnostic("AIDGE011").WithLocation(0).WithArguments("Looks", "a static class has no instances to send"),
            Verify.Diagnostic("AIDGE011").WithLocation(1).WithArguments("Span", "a ref struct cannot implement ITryOnRequest"));
    }

    [Fact]
    public async Task CSharp_8_is_AIDGE012_on_the_attribute()
    {
        await Verify.AnalyzerAsync("""
            using Aidge.Declarative;

            [{|#0:TryOnRequest|}]
            public partial class Look { [Garment] public string G { get; set; } = ""; }
            """,
            LanguageVersion.CSharp8,
            Verify.Diagnostic("AIDGE012").WithLocation(0).WithArguments("8.0"));
    }

    [Fact]
    public async Task An_undefined_enum_value_is_AIDGE013_on_the_value()
    {
        await Verify.AnalyzerAsync("""
            using Aidge.Declarative;

            [TryOnRequest(ViewType = {|#0:(ViewType)7|}, Edition = TryOnEdition.Pro)]
            [TryOnModel(Gender = {|#1:(ModelGender)9|}, Style = ModelStyle.Universal2)]
            public partial record Look([Garment({|#2:(GarmentType)3|})] string G);
            """,
            Verify.Diagnostic("AIDGE013").WithLocation(0).WithArguments("ViewType", 7, "FullBody, HalfBody, Mixed"),
            Verify.Diagnostic("AIDGE013").WithLocation(1).WithArguments("ModelGender", 9, "Male, Female"),
            Verify.Diagnostic("AIDGE013").WithLocation(2).WithArguments("GarmentType", 3, "Tops, Bottoms, Dresses"));
    }

    [Fact]
    public async Task A_member_marked_twice_or_a_second_generateCount_is_AIDGE014()
    {
        await Verify.AnalyzerAsync("""
            using Aidge.Declarative;

            [TryOnRequest]
            public partial record Look([Garment, {|#0:ModelImage|}] string G, [GenerateCount] int First, [{|#1:GenerateCount|}] int Second);
            """,
            Verify.Diagnostic("AIDGE014").WithLocation(0).WithArguments("'G' is already marked: a member is a garment, a model image or the generateCount, once"),
            Verify.Diagnostic("AIDGE014").WithLocation(1).WithArguments("'Second' is a second [GenerateCount] member, but 'First' already gives the request's generateCount"));
    }

    [Fact]
    public async Task A_named_model_with_traits_warns_AIDGE008_and_a_name_without_base_AIDGE009()
    {
        await Verify.AnalyzerAsync("""
            using Aidge.Declarative;

            [TryOnRequest]
            [TryOnModel(Base = "General", Name = "James", {|#0:Gender = ModelGender.Female|})]
            public partial record Named([Garment] string G);

            [TryOnRequest]
            [TryOnModel({|#1:Name = "James"|})]
            public partial record NoBase([Garment] string G);

            [TryOnRequest]
            [TryOnModel(Base = "General", Gender = ModelGender.Female, Style = ModelStyle.Universal1, Age = ModelAge.YoungAdult, Body = ModelBody.Slim)]
            public partial record Described([Garment] string G);
            """,
            new DiagnosticResult("AIDGE008", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("Gender"),
            new DiagnosticResult("AIDGE009", DiagnosticSeverity.Warning).WithLocation(1));
    }

    [Fact]
    public async Task A_constant_with_an_unpaired_surrogate_is_AIDGE015()
    {
        await Verify.AnalyzerAsync("""
            using Aidge.Declarative;

            [TryOnRequest]
            [TryOnModel(Base = {|AIDGE015:"Gen\uD800eral"|})]
            public partial record Look([Garment] string G)
            {
                public static Look Make() => new Look({|AIDGE015:"https://a.example/\uDC00.jpg"|});
            }
            """);
    }

    [Fact]
    public async Task The_member_attributes_on_a_type_without_TryOnRequest_are_not_checked_only_said_to_do_nothing()
    {
        await Verify.AnalyzerAsync("""
            using Aidge.Declarative;

            public record {|#0:Plain|}([Garment(GarmentType.Tops)] string A, [Garment(GarmentType.Tops)] string B, [GenerateCount] int Count = 99);
            """,
            new DiagnosticResult("AIDGE024", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("Plain", "a [Garment] member ('A')"));
    }
}
