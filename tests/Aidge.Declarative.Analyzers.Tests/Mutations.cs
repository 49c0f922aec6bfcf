using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Aidge.Declarative.Analyzers.Tests;

/// <summary>What a user's typing does to a file: tokens deleted, duplicated, swapped; wrong attribute arguments; attributes on the wrong targets; structure changed.</summary>
internal static class Mutations
{
    private static readonly string[] s_wrongArguments =
    {
        "\"tops\"", "42", "null", "GarmentType.", "(GarmentType)7", "ViewType.Mixed", "typeof(string)", "new[] { 1 }", "9", "-1", "\"\\uD800\"",
    };

    private static readonly string[] s_strayAttributes =
    {
        "[Garment] ", "[Garment(GarmentType.Tops)] ", "[ModelImage] ", "[GenerateCount] ", "[TryOnRequest] ", "[TryOnModel(Name = \"X\")] ",
    };

    public static string Apply(string text, Random random, int steps)
    {
        for (int i = 0; i < steps; i++)
        {
            text = Once(text, random);
        }

        return text;
    }

    private static string Once(string text, Random random)
    {
        SyntaxToken[] tokens = CSharpSyntaxTree.ParseText(text).GetRoot().DescendantTokens().Where(t => t.Span.Length > 0).ToArray();
        if (tokens.Length < 3)
        {
            return text;
        }

        SyntaxToken token = tokens[random.Next(tokens.Length)];
        switch (random.Next(9))
        {
            case 0: // delete a token
                return text.Remove(token.SpanStart, token.Span.Length);
            case 1: // duplicate a token
                return text.Insert(token.SpanStart, token.Text + " ");
            case 2: // swap a token with the next
                int index = Array.IndexOf(tokens, token);
                if (index + 1 >= tokens.Length)
                {
                    return text;
                }

                SyntaxToken next = tokens[index + 1];
                return text.Substring(0, token.SpanStart) + next.Text + text.Substring(token.Span.End, next.SpanStart - token.Span.End) + token.Text + text.Substring(next.Span.End);
            case 3: // a wrong argument in an attribute
                SyntaxToken[] arguments = tokens.Where(t => t.Parent?.AncestorsAndSelf().Any(n => n.IsKind(SyntaxKind.AttributeArgument)) == true).ToArray();
                if (arguments.Length == 0)
                {
                    return text;
                }

                SyntaxToken argument = arguments[random.Next(arguments.Length)];
                return text.Remove(argument.SpanStart, argument.Span.Length).Insert(argument.SpanStart, s_wrongArguments[random.Next(s_wrongArguments.Length)]);
            case 4: // an attribute on any target
                return text.Insert(token.SpanStart, s_strayAttributes[random.Next(s_strayAttributes.Length)]);
            case 5: // partial removed
                int partial = text.IndexOf("partial ", StringComparison.Ordinal);
                return partial < 0 ? text : text.Remove(partial, "partial ".Length);
            case 6: // wrapped in a generic container, partial or not
                int start = text.IndexOf("[TryOnRequest", StringComparison.Ordinal);
                return start < 0 ? text : text.Insert(start, random.Next(2) == 0 ? "public partial class Outer<T> where T : class { " : "public class Outer<T> { ") + "\n}";
            case 7: // file-scoped namespace
                return text.Replace("namespace Aidge.Declarative.Tests\n{", "namespace Aidge.Declarative.Tests;\n{", StringComparison.Ordinal);
            default: // global namespace
                return System.Text.RegularExpressions.Regex.Replace(text, @"namespace [\w.]+;?", string.Empty);
        }
    }
}
