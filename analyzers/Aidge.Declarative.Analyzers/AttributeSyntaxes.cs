using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Aidge.Declarative.Analyzers
{
    /// <summary>Finds the smallest span to report on inside an attribute.</summary>
    internal static class AttributeSyntaxes
    {
        /// <summary>Where an attribute is applied in source, or null when it comes from metadata.</summary>
        public static Location? Of(AttributeData attribute, CancellationToken cancellationToken) =>
            attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation();

        /// <summary>The value of <c>Name = value</c> in an attribute's arguments.</summary>
        public static ExpressionSyntax? NamedArgument(AttributeSyntax attribute, string name)
        {
            if (attribute.ArgumentList is null)
            {
                return null;
            }

            foreach (AttributeArgumentSyntax argument in attribute.ArgumentList.Arguments)
            {
                if (argument.NameEquals?.Name.Identifier.ValueText == name)
                {
                    return argument.Expression;
                }
            }

            return null;
        }

        /// <summary>The positional argument at <paramref name="index"/>.</summary>
        public static ExpressionSyntax? ConstructorArgument(AttributeSyntax attribute, int index)
        {
            if (attribute.ArgumentList is null)
            {
                return null;
            }

            int position = 0;
            foreach (AttributeArgumentSyntax argument in attribute.ArgumentList.Arguments)
            {
                if (argument.NameEquals is null && argument.NameColon is null && position++ == index)
                {
                    return argument.Expression;
                }
            }

            return null;
        }
    }
}
