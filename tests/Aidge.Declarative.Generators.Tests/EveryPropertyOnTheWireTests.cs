using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Text.Json;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Aidge.Declarative.Generators.Tests;

/// <summary>
/// Every settable property of <c>[TryOnRequest]</c> and <c>[TryOnModel]</c>, found by reflection, set at once on one request
/// that the real generator compiles: each must reach the wire, under its camel-cased name (<c>model.</c> for a trait), or
/// pick the endpoint (<c>Edition</c>). A property added to an attribute and forgotten by the parser, the model or the emitter
/// fails here, rather than compile and be silently not sent.
/// </summary>
public sealed class EveryPropertyOnTheWireTests
{
    [Fact]
    public void Every_attribute_property_set_appears_on_the_wire()
    {
        PropertyInfo[] request = Settable(typeof(TryOnRequestAttribute));
        PropertyInfo[] model = Settable(typeof(TryOnModelAttribute));
        Assert.True(request.Length >= 4 && model.Length >= 6, "The attributes lost their properties: " + request.Length + " and " + model.Length);

        string source = "using Aidge.Declarative;\n" +
            "[TryOnRequest(" + string.Join(", ", request.Select(Assignment)) + ")]\n" +
            "[TryOnModel(" + string.Join(", ", model.Select(Assignment)) + ")]\n" +
            "public partial record Every([Garment(GarmentType.Tops)] string Top);\n";
        ITryOnRequest every = Instantiate(source, "Every", "https://shop.example/tee.jpg");

        using JsonDocument wire = JsonDocument.Parse(every.ToRequestParams());
        JsonElement subTask = wire.RootElement[0];
        var missing = new List<string>();
        foreach (PropertyInfo property in request)
        {
            if (property.Name == nameof(TryOnRequestAttribute.Edition))
            {
                // Not a field: the endpoint the request goes to.
                if (!Equals(every.Edition, Value(property)))
                {
                    missing.Add("Edition (the request's edition is " + every.Edition + ")");
                }

                continue;
            }

            if (!subTask.TryGetProperty(WireName(property), out _))
            {
                missing.Add(property.Name + " (no " + WireName(property) + ")");
            }
        }

        JsonElement written = subTask.TryGetProperty("model", out JsonElement found) ? found : default;
        foreach (PropertyInfo property in model)
        {
            if (written.ValueKind != JsonValueKind.Object || !written.TryGetProperty(WireName(property), out _))
            {
                missing.Add("TryOnModel." + property.Name + " (no model." + WireName(property) + ")");
            }
        }

        Assert.True(missing.Count == 0, "Set on the attribute but not sent: " + string.Join(", ", missing) + "\n" + source + "\n" + every.ToRequestParams());
        Assert.Equal(1, subTask.GetProperty("inputQualityDetect").GetInt32());
    }

    private static PropertyInfo[] Settable(Type attribute) =>
        attribute.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && p.DeclaringType == attribute).ToArray();

    // A value other than the property's default, and one the API allows: the last member of an enum, 3 pictures, true, a name.
    private static object Value(PropertyInfo property) => property.PropertyType switch
    {
        { IsEnum: true } type => Enum.GetValues(type).Cast<object>().Last(),
        { } type when type == typeof(int) => 3,
        { } type when type == typeof(bool) => true,
        { } type when type == typeof(string) => property.Name == "Base" ? "General" : "Value-of-" + property.Name,
        { } type => throw new InvalidOperationException("The test gives no value to a property of type " + type + ": teach it one."),
    };

    private static string Assignment(PropertyInfo property) => property.Name + " = " + Value(property) switch
    {
        Enum value => "global::" + value.GetType().FullName + "." + value,
        bool value => value ? "true" : "false",
        string value => "\"" + value + "\"",
        { } value => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture),
    };

    private static string WireName(PropertyInfo property) => char.ToLowerInvariant(property.Name[0]) + property.Name.Substring(1);

    private static ITryOnRequest Instantiate(string source, string typeName, params object[] arguments)
    {
        GeneratorRun run = GeneratorHarness.Run(source);
        run.AssertCompilesCleanly();
        using var image = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult emitted = run.Output.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        var context = new AssemblyLoadContext("every-property", isCollectible: true);
        try
        {
            image.Position = 0;
            Type type = context.LoadFromStream(image).GetType(typeName)!;
            return (ITryOnRequest)Activator.CreateInstance(type, arguments)!;
        }
        finally
        {
            context.Unload();
        }
    }
}
