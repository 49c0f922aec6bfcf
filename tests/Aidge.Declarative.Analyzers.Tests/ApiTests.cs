using System.Threading.Tasks;
using Aidge.Declarative.CodeFixes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Aidge.Declarative.Analyzers.Tests;

/// <summary>AIDGE012 and AIDGE016-023: every misuse of a [TryOnApi] declaration is a compile error (or, for a missing token, a warning).</summary>
public class ApiTests
{
    private const string Requests = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Aidge.Declarative;

        [TryOnRequest]
        public partial record Suit([Garment(GarmentType.Tops)] string Top, [Garment(GarmentType.Bottoms)] string Bottom) : GeneratedStandIn;

        [TryOnRequest(Edition = TryOnEdition.Pro)]
        public partial record Dress([Garment(GarmentType.Dresses)] string Garment) : GeneratedStandIn;

        // What the generator would write: these tests run the analyzer alone.
        public abstract record GeneratedStandIn : ITryOnRequest
        {
            TryOnEdition ITryOnRequest.Edition => default;
            public void WriteRequestParams(System.Buffers.IBufferWriter<byte> destination) { }
            public string ToRequestParams() => "";
            public IReadOnlyList<TryOnProblem> Validate() => Array.Empty<TryOnProblem>();
            void ITryOnRequest.WriteSubTask(ref Aidge.Declarative.Serialization.RequestParamsWriter writer) { }
        }

        """;

    [Fact]
    public async Task The_guides_interface_has_no_diagnostic()
    {
        await Verify.ApiAnalyzerAsync(Requests + """
            [TryOnApi]
            public interface ILookbook
            {
                Task<TryOnOperation<Suit>> SubmitAsync(Suit look, CancellationToken cancellationToken = default);
                Task<TryOnOperation<Suit>> SubmitAsync(IReadOnlyList<Suit> looks, CancellationToken cancellationToken = default);
                Task<TryOnResult<Dress>> TryOnAsync(Dress look, IProgress<TryOnResult<Dress>>? progress = null, CancellationToken cancellationToken = default);
                string Name => "a default body needs no implementation";
            }
            """);
    }

    [Fact]
    public async Task TryOnApi_on_a_generic_or_a_private_interface_is_AIDGE016_and_on_a_class_the_compilers_CS0592()
    {
        await Verify.ApiAnalyzerAsync(Requests + """
            [{|CS0592:TryOnApi|}]
            public class Lookbook { }

            [{|AIDGE016:TryOnApi|}]
            public interface IGeneric<T> { }

            public class Outer
            {
                [{|AIDGE016:TryOnApi|}]
                private interface IHidden { }
            }
            """);
    }

    [Fact]
    public async Task A_property_or_an_event_is_AIDGE017()
    {
        await Verify.ApiAnalyzerAsync(Requests + """
            [TryOnApi]
            public interface ILookbook
            {
                string {|AIDGE017:Name|} { get; }
                event EventHandler {|AIDGE017:Changed|};
            }
            """);
    }

    [Fact]
    public async Task A_generic_method_is_AIDGE018()
    {
        await Verify.ApiAnalyzerAsync(Requests + """
            [TryOnApi]
            public interface ILookbook
            {
                Task<TryOnOperation<T>> {|AIDGE018:SubmitAsync|}<T>(T look, CancellationToken cancellationToken = default) where T : ITryOnRequest;
            }
            """);
    }

    [Fact]
    public async Task A_parameter_that_is_not_a_request_is_AIDGE019_on_the_parameter()
    {
        await Verify.ApiAnalyzerAsync(Requests + """
            [TryOnApi]
            public interface ILookbook
            {
                Task<TryOnOperation<Suit>> SubmitAsync(Suit look, {|#0:string sku|}, CancellationToken cancellationToken = default);
                Task<TryOnOperation<Suit>> SubmitAsync({|AIDGE019:List<string> looks|}, CancellationToken cancellationToken = default);
                Task<TryOnOperation<Suit>> SubmitAsync(Suit look, {|AIDGE019:Suit other|}, CancellationToken cancellationToken = default);
                Task<TryOnOperation<Suit>> {|AIDGE019:NothingAsync|}(CancellationToken cancellationToken = default);
                Task<TryOnOperation<Suit>> SubmitAsync(Suit look, {|#1:IProgress<TryOnResult<Suit>> progress|}, CancellationToken cancellationToken = default);
            }
            """,
            Verify.Diagnostic("AIDGE019").WithLocation(0).WithArguments(
                "'SubmitAsync' has a parameter 'sku' that is not one the generator can send: a method takes one [TryOnRequest] type or an IReadOnlyList of one, and a CancellationToken, each once"),
            Verify.Diagnostic("AIDGE019").WithLocation(1).WithArguments(
                "'SubmitAsync' has a parameter 'progress' that is not one the generator can send: a method takes one [TryOnRequest] type or an IReadOnlyList of one, and a CancellationToken, each once" +
                " (an IProgress<TryOnResult<T>> goes only on a method that waits: one that returns Task<TryOnResult<T>>)"));
    }

    [Fact]
    public async Task A_return_type_that_does_not_match_the_request_is_AIDGE020_on_the_return_type()
    {
        await Verify.ApiAnalyzerAsync(Requests + """
            [TryOnApi]
            public interface ILookbook
            {
                {|#0:Task<TryOnOperation<Dress>>|} SubmitAsync(Suit look, CancellationToken cancellationToken = default);
                {|AIDGE020:Task<string>|} TryOnAsync(Suit look, CancellationToken cancellationToken = default);
                {|AIDGE020:TryOnResult<Suit>|} TryOn(Suit look, CancellationToken cancellationToken = default);
            }
            """,
            Verify.Diagnostic("AIDGE020").WithLocation(0).WithArguments(
                "'SubmitAsync' returns Task<TryOnOperation<Dress>>, but a method sending Suit returns Task<TryOnOperation<Suit>> or Task<TryOnResult<Suit>>"));
    }

    [Fact]
    public async Task A_method_without_a_CancellationToken_is_the_warning_AIDGE021_and_the_fix_adds_one()
    {
        await Verify.ApiCodeFixAsync<AddCancellationTokenCodeFix>(
            Requests + """
            [TryOnApi]
            public interface ILookbook
            {
                Task<TryOnResult<Suit>> {|AIDGE021:TryOnAsync|}(Suit look);
            }
            """,
            Requests + """
            [TryOnApi]
            public interface ILookbook
            {
                Task<TryOnResult<Suit>> TryOnAsync(Suit look, CancellationToken cancellationToken = default);
            }
            """);
    }

    [Fact]
    public async Task CSharp_8_is_AIDGE012_on_the_TryOnApi_attribute_as_on_a_request()
    {
        await Verify.ApiAnalyzerAsync("""
            using System;
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;
            using Aidge.Declarative;

            [TryOnRequest]
            public partial class Top : ITryOnRequest
            {
                [Garment(GarmentType.Tops)] public string Url { get; set; } = "";
                TryOnEdition ITryOnRequest.Edition => default;
                public void WriteRequestParams(System.Buffers.IBufferWriter<byte> destination) { }
                public string ToRequestParams() => "";
                public IReadOnlyList<TryOnProblem> Validate() => Array.Empty<TryOnProblem>();
                void ITryOnRequest.WriteSubTask(ref Aidge.Declarative.Serialization.RequestParamsWriter writer) { }
            }

            [{|#0:TryOnApi|}]
            public interface ILookbook
            {
                Task<TryOnOperation<Top>> SubmitAsync(Top look, CancellationToken cancellationToken = default);
            }
            """,
            LanguageVersion.CSharp8,
            Verify.Diagnostic("AIDGE012").WithLocation(0).WithArguments("8.0"));
    }

    [Fact]
    public async Task A_type_sent_without_TryOnRequest_is_AIDGE023_on_the_parameter_naming_the_attribute()
    {
        await Verify.ApiAnalyzerAsync(
            Requests + """
            public record Shirt([Garment(GarmentType.Tops)] string Url);

            [TryOnApi]
            public interface ILookbook
            {
                Task<TryOnOperation<Shirt>> SubmitAsync({|#0:Shirt look|}, CancellationToken cancellationToken = default);
            }
            """,
            Verify.Diagnostic("AIDGE023").WithLocation(0).WithArguments(
                "'SubmitAsync' sends 'Shirt' through 'look', but Shirt has no [TryOnRequest]: mark it [TryOnRequest] and partial, with its [Garment] members"));
    }

    [Fact]
    public async Task The_fix_for_AIDGE023_marks_the_type_sent_TryOnRequest_and_partial()
    {
        await Verify.ApiCodeFixAsync<MarkRequestCodeFix>(
            Requests + """
            /// <summary>A shirt.</summary>
            public record Shirt([Garment(GarmentType.Tops)] string Url);

            [TryOnApi]
            public interface ILookbook
            {
                Task<TryOnOperation<Shirt>> SubmitAsync({|AIDGE023:IReadOnlyList<Shirt> looks|}, CancellationToken cancellationToken = default);
            }
            """,
            Requests + """
            /// <summary>A shirt.</summary>
            [TryOnRequest]
            public partial record Shirt([Garment(GarmentType.Tops)] string Url);

            [TryOnApi]
            public interface ILookbook
            {
                Task<TryOnOperation<Shirt>> SubmitAsync(IReadOnlyList<Shirt> looks, CancellationToken cancellationToken = default);
            }
            """);
    }

    [Fact]
    public async Task A_request_the_generator_must_skip_is_AIDGE023_where_it_is_sent_too()
    {
        await Verify.ApiAnalyzerAsync(Requests + """
            [TryOnRequest]
            public record Shirt([Garment(GarmentType.Tops)] string Url);

            [TryOnApi]
            public interface ILookbook
            {
                Task<TryOnOperation<Shirt>> SubmitAsync({|#0:IReadOnlyList<Shirt> looks|}, CancellationToken cancellationToken = default);
            }
            """,
            Verify.Diagnostic("AIDGE023").WithLocation(0).WithArguments(
                "'SubmitAsync' sends 'Shirt' through 'looks', a [TryOnRequest] type the generator cannot make a request: mend the error reported on Shirt"));
    }

    [Fact]
    public async Task Two_methods_a_call_cannot_tell_apart_are_AIDGE022_on_the_second()
    {
        await Verify.ApiAnalyzerAsync(Requests + """
            [TryOnApi]
            public interface ILookbook
            {
                Task<TryOnResult<Suit>> TryOnAsync(Suit look, CancellationToken cancellationToken = default);
                Task<TryOnResult<Suit>> {|AIDGE022:TryOnAsync|}(Suit look, IProgress<TryOnResult<Suit>>? progress = null, CancellationToken cancellationToken = default);
                Task<TryOnResult<Suit>> TryOnAsync(IReadOnlyList<Suit> looks, CancellationToken cancellationToken = default);
                Task<TryOnOperation<Suit>> SubmitAsync(Suit look, CancellationToken cancellationToken);
                Task<TryOnOperation<Suit>> SubmitAsync(Suit look, {|AIDGE019:IProgress<TryOnResult<Suit>> unused|}, CancellationToken cancellationToken = default);
            }
            """);
    }

    [Fact]
    public async Task An_inherited_method_is_checked_and_reported_on_the_interface_when_declared_elsewhere()
    {
        await Verify.ApiAnalyzerAsync(Requests + """
            public interface IBase
            {
                Task<string> SubmitAsync(Suit look, CancellationToken cancellationToken = default);
            }

            [TryOnApi]
            public interface {|AIDGE020:ILookbook|} : IBase
            {
            }
            """);
    }
}
