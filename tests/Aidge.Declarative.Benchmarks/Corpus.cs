using System.Globalization;
using System.IO;
using System.Text;

namespace Aidge.Declarative.Benchmarks;

/// <summary>Writes a project's worth of annotated records of every shape, for the generator and build-cost measurements.</summary>
internal static class Corpus
{
    /// <summary>The source of <paramref name="count"/> [TryOnRequest] records, in several namespaces and shapes.</summary>
    public static string Records(int count)
    {
        var text = new StringBuilder("using System;\nusing System.Collections.Generic;\nusing Aidge.Declarative;\n\n");
        for (int i = 0; i < count; i++)
        {
            string declaration = "    public partial " + Declaration(i);
            text.Append("namespace Corpus.Group").Append(i % 10).Append("\n{\n");
            switch (Shape(i))
            {
                case 0:
                    text.Append("    [TryOnRequest(ViewType = ViewType.Mixed, GenerateCount = 4)]\n    [TryOnModel(Base = \"General\", Name = \"James\")]\n")
                        .Append(declaration).Append("([Garment(GarmentType.Tops)] string Top, [Garment(GarmentType.Bottoms)] string Bottom);\n");
                    break;
                case 1:
                    text.Append("    [TryOnRequest(Edition = TryOnEdition.Pro)]\n")
                        .Append(declaration).Append("([Garment(GarmentType.Dresses)] Uri Dress, [ModelImage] IReadOnlyList<string> Photos, [GenerateCount] int? Count = null);\n");
                    break;
                case 2:
                    text.Append("    [TryOnRequest(InputQualityDetect = true)]\n    [TryOnModel(Gender = ModelGender.Female, Body = ModelBody.Curvy)]\n")
                        .Append(declaration).Append("([Garment] string Garment)\n    {\n        [ModelImage] public string[]? Photos { get; init; }\n    }\n");
                    break;
                default:
                    text.Append("    [TryOnRequest(ViewType = ViewType.HalfBody)]\n")
                        .Append(declaration).Append("\n    {\n        [Garment(GarmentType.Tops)] public string? Shirt { get; set; }\n        [ModelImage] public List<string>? Photos { get; set; }\n    }\n");
                    break;
            }

            text.Append("}\n\n");
        }

        return text.ToString();
    }

    // Which of the four shapes record number i takes, and its kind and name: Records and InterfaceFloor agree on both.
    private static int Shape(int i) => i % 4;

    private static string Declaration(int i) =>
        Shape(i) switch
        {
            0 => "record Suit",
            1 => "record Dress",
            2 => "record Top",
            _ => "class Look",
        } + i.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The least code any generator must add for the records to be requests: each implements
    /// <c>ITryOnRequest</c> (two members fixed by the public API, three that the client and the batch
    /// serializer call) with bodies that do nothing.
    /// </summary>
    public static string InterfaceFloor(int count)
    {
        var text = new StringBuilder("#nullable disable warnings\n\n");
        for (int i = 0; i < count; i++)
        {
            text.Append("namespace Corpus.Group").Append(i % 10).Append("\n{\n    partial ").Append(Declaration(i)).Append(" : global::Aidge.Declarative.ITryOnRequest\n    {\n")
                .Append("        global::Aidge.Declarative.TryOnEdition global::Aidge.Declarative.ITryOnRequest.Edition => default;\n")
                .Append("        public void WriteRequestParams(global::System.Buffers.IBufferWriter<byte> destination) { }\n")
                .Append("        public string ToRequestParams() => null;\n")
                .Append("        public global::System.Collections.Generic.IReadOnlyList<global::Aidge.Declarative.TryOnProblem> Validate() => null;\n")
                .Append("        void global::Aidge.Declarative.ITryOnRequest.WriteSubTask(ref global::Aidge.Declarative.Serialization.RequestParamsWriter writer) { }\n")
                .Append("    }\n}\n\n");
        }

        return text.ToString();
    }

    /// <summary>
    /// The peer users would pick instead: System.Text.Json's source generator, given a <c>JsonSerializerContext</c>
    /// with a <c>[JsonSerializable]</c> for each of the same records. Its generator ships with the SDK, so the
    /// project needs nothing more than this file.
    /// </summary>
    public static string StjContext(int count)
    {
        var text = new StringBuilder("namespace Corpus\n{\n");
        for (int i = 0; i < count; i++)
        {
            string name = Declaration(i);
            text.Append("    [global::System.Text.Json.Serialization.JsonSerializable(typeof(global::Corpus.Group").Append(i % 10).Append('.')
                .Append(name.Substring(name.IndexOf(' ') + 1)).Append("))]\n");
        }

        return text.Append("    internal partial class CorpusJsonContext : global::System.Text.Json.Serialization.JsonSerializerContext\n    {\n    }\n}\n").ToString();
    }

    /// <summary>
    /// Writes four projects over the same records into <paramref name="directory"/>: <c>with</c> runs the
    /// package's generator and analyzers, <c>without</c> does not, <c>floor</c> has no components but
    /// the <see cref="InterfaceFloor"/> by hand, and <c>stj</c> has System.Text.Json's generator over the same
    /// records (<see cref="StjContext"/>). Their build times give the cost, the least it can be, and the peer's.
    /// </summary>
    public static void WriteProjects(string directory, int count, string repositoryRoot)
    {
        string records = Records(count);
        foreach (string variant in new[] { "with", "without", "floor", "stj" })
        {
            bool withComponents = variant == "with";
            string project = Path.Combine(directory, variant);
            Directory.CreateDirectory(project);
            File.WriteAllText(Path.Combine(project, "Records.cs"), records);
            if (variant == "floor")
            {
                File.WriteAllText(Path.Combine(project, "Floor.cs"), InterfaceFloor(count));
            }

            if (variant == "stj")
            {
                File.WriteAllText(Path.Combine(project, "StjContext.cs"), StjContext(count));
            }

            // The built assemblies, referenced as a package does: no project is rebuilt with the corpus.
            string components = withComponents
                ? $"""
                    <Analyzer Include="{repositoryRoot}/generators/Aidge.Declarative.Generators/bin/Release/netstandard2.0/Aidge.Declarative.Generators.dll" />
                    <Analyzer Include="{repositoryRoot}/analyzers/Aidge.Declarative.Analyzers/bin/Release/netstandard2.0/Aidge.Declarative.Analyzers.dll" />
                  """
                : string.Empty;
            File.WriteAllText(Path.Combine(project, "Corpus.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>
                    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
                  </PropertyGroup>
                  <ItemGroup>
                    <Reference Include="{repositoryRoot}/src/Aidge.Declarative/bin/Release/net8.0/Aidge.Declarative.dll" />
                  {components}
                  </ItemGroup>
                </Project>
                """);
        }
    }
}
