using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Aidge.Declarative.Roslyn;
using Aidge.Declarative.Rules;
using Aidge.Declarative.Serialization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Aidge.Declarative.Analyzers
{
    // The rules a request's members can break: marked twice, unreadable, of an unsupported type, and the suit they make.
    internal static partial class DeclarationRules
    {
        private static void CheckMembers(SymbolAnalysisContext context, INamedTypeSymbol type, AttributeSyntax requestSyntax)
        {
            CancellationToken cancellationToken = context.CancellationToken;
            var extras = new List<RequestMember>();
            List<RequestMember> members = TryOnDeclarations.ReadMembers(type, extras, cancellationToken);

            foreach (RequestMember extra in extras)
            {
                if (AttributeSyntaxes.Of(extra.Attribute, cancellationToken) is { } location)
                {
                    context.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.MemberMarkedTwice,
                        location,
                        "'" + extra.Name + "' is already marked: a member is a garment, a model image or the generateCount, once"));
                }
            }

            var garments = new List<(RequestMember Member, GarmentType? Type)>();
            var singleImages = new List<RequestMember>();
            RequestMember? generateCount = null;
            bool anyGarment = false;
            foreach (RequestMember member in members)
            {
                anyGarment |= member.Role == MemberRole.Garment;
                if (!CheckReadableAndSupported(context, member))
                {
                    continue;
                }

                switch (member.Role)
                {
                    case MemberRole.Garment when GarmentTypeOf(context, member) is (true, var garmentType):
                        garments.Add((member, garmentType));
                        break;
                    case MemberRole.ModelImage when TryOnDeclarations.ModelImageShapeOf(member.Type, out _) == ModelImageShape.Single:
                        singleImages.Add(member);
                        break;
                    case MemberRole.GenerateCount when generateCount is not null:
                        if (AttributeSyntaxes.Of(member.Attribute, cancellationToken) is { } second)
                        {
                            context.ReportDiagnostic(Diagnostic.Create(
                                DiagnosticDescriptors.MemberMarkedTwice,
                                second,
                                "'" + member.Name + "' is a second [GenerateCount] member, but '" + generateCount.Name + "' already gives the request's generateCount"));
                        }

                        break;
                    case MemberRole.GenerateCount:
                        generateCount = member;
                        break;
                }
            }

            if (!anyGarment)
            {
                ReportOnName(context, type, DiagnosticDescriptors.NoGarment, TryOnRules.Messages.NoGarment);
            }

            CheckSuit(context, garments);
            if (singleImages.Count > TryOnRules.MaxModelImages &&
                AttributeSyntaxes.Of(singleImages[TryOnRules.MaxModelImages].Attribute, cancellationToken) is { } ninth)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.TooManyModelImages, ninth, TryOnRules.Messages.TooManyModelImages(singleImages.Count, atLeast: false)));
            }
        }

        private static bool CheckReadableAndSupported(SymbolAnalysisContext context, RequestMember member)
        {
            Location? attribute = AttributeSyntaxes.Of(member.Attribute, context.CancellationToken);
            if (!member.IsReadable)
            {
                // A base member declared in metadata has no attribute syntax: the error goes on the request's name.
                Location where = attribute ?? NameOf(context, context.Symbol) ?? Location.None;
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.MemberNotReadable, where, member.Name, member.NotReadableBecause));
                return false;
            }

            if (TryOnDeclarations.IsSupportedType(member))
            {
                return true;
            }

            string allowed = member.Role switch
            {
                MemberRole.Garment => "a [Garment] is a string or a System.Uri",
                MemberRole.ModelImage => "a [ModelImage] is a string, a System.Uri, or a collection of either (string[], List<string>, IReadOnlyList<Uri>, ...)",
                _ => "a [GenerateCount] is an int or an int?",
            };
            Location location = TypeSyntaxOf(member, context.CancellationToken)?.GetLocation() ?? attribute ?? Location.None;
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.UnsupportedMemberType,
                location,
                member.Name,
                member.Type.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat),
                allowed));
            return false;
        }

        // The garment's type, null when untyped; false when the argument did not bind or names no defined type.
        private static (bool Known, GarmentType? Type) GarmentTypeOf(SymbolAnalysisContext context, RequestMember member)
        {
            AttributeData attribute = member.Attribute;
            if (attribute.AttributeConstructor is null)
            {
                return (false, null);
            }

            if (attribute.ConstructorArguments.IsEmpty)
            {
                return (true, null);
            }

            TypedConstant argument = attribute.ConstructorArguments[0];
            if (argument.Value is int value && Enum.IsDefined(typeof(GarmentType), value))
            {
                return (true, (GarmentType)value);
            }

            if (attribute.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken) is AttributeSyntax syntax &&
                AttributeSyntaxes.ConstructorArgument(syntax, 0) is { } expression)
            {
                CheckDefined(context, typeof(GarmentType), argument, expression);
            }

            return (false, null);
        }

        private static void CheckSuit(SymbolAnalysisContext context, List<(RequestMember Member, GarmentType? Type)> garments)
        {
            // An empty suit is reported on the type as NoGarment, above.
            if (TryOnRules.FindSuitProblem(garments, static g => g.Type, static g => g.Member.Name) is not var (check, message) ||
                check.OffendingIndex < 0 ||
                AttributeSyntaxes.Of(garments[check.OffendingIndex].Member.Attribute, context.CancellationToken) is not { } location)
            {
                return;
            }

            // The code fix changes the garment to the type that completes the suit, when there is one.
            ImmutableDictionary<string, string?> properties = ImmutableDictionary<string, string?>.Empty;
            if (check.Problem != SuitProblem.TooManyGarments && garments[check.OtherIndex].Type is { } kept && TryOnRules.Complement(kept) is { } complement)
            {
                properties = properties.Add(DiagnosticDescriptors.ComplementProperty, complement.ToString());
            }

            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InvalidSuit, location, properties, message));
        }

        internal static Diagnostic GenerateCountOutOfRange(Location location, long count) =>
            Diagnostic.Create(
                DiagnosticDescriptors.GenerateCountOutOfRange,
                location,
                ImmutableDictionary<string, string?>.Empty.Add(
                    DiagnosticDescriptors.ClampedProperty,
                    (count < TryOnRules.MinGenerateCount ? TryOnRules.MinGenerateCount : TryOnRules.MaxGenerateCount).ToString(System.Globalization.CultureInfo.InvariantCulture)),
                TryOnRules.Messages.GenerateCount(count));
    }
}
