using System;
using System.Collections.Generic;
using System.Threading;
using Aidge.Declarative.Roslyn;
using Aidge.Declarative.Rules;
using Aidge.Declarative.Serialization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Aidge.Declarative.Analyzers
{
    /// <summary>
    /// The rules a value known at compile time can break on its way into a request's member: through a
    /// positional argument, an object initializer, a <c>with</c> expression, a plain assignment, a parameter's
    /// default value or a property's initializer.
    /// </summary>
    internal static class ValueRules
    {
        /// <summary>A request member's default value: what the member holds when the caller leaves it out.</summary>
        public static void AnalyzeParameterDefault(OperationAnalysisContext context, RequestShapes shapes)
        {
            var initializer = (IParameterInitializerOperation)context.Operation;
            IParameterSymbol parameter = initializer.Parameter;
            if (parameter.ContainingSymbol is IMethodSymbol { MethodKind: MethodKind.Constructor } constructor &&
                shapes.For(constructor.ContainingType, context.CancellationToken)?.MemberFor(parameter) is { } member)
            {
                CheckDefault(context, member, initializer.Value);
            }
        }

        /// <summary>A request member's initializer: what the member holds unless the creation sets it.</summary>
        public static void AnalyzePropertyInitializer(OperationAnalysisContext context, RequestShapes shapes)
        {
            var initializer = (IPropertyInitializerOperation)context.Operation;
            foreach (IPropertySymbol property in initializer.InitializedProperties)
            {
                if (shapes.For(property.ContainingType, context.CancellationToken)?.Member(property.Name) is { } member)
                {
                    CheckDefault(context, member, initializer.Value);
                }
            }
        }

        // A default on its own: the value rules, and the model images it holds. An empty string is the placeholder
        // that quiets a nullable warning until the creation sets the member, not a URL: Validate() refuses it at run
        // time if it is ever sent.
        private static void CheckDefault(OperationAnalysisContext context, RequestMember member, IOperation value)
        {
            if (Unwrap(value).ConstantValue is { HasValue: true, Value: "" })
            {
                return;
            }

            CheckValue(context, member, value);
            if (member.Role == MemberRole.ModelImage)
            {
                CountModelImages(context, new List<RequestMember> { member }, new Dictionary<string, IOperation>(StringComparer.Ordinal) { [member.Name] = value });
            }
        }

        /// <summary>Constructor arguments one by one, and the model images of the whole new request.</summary>
        public static void AnalyzeCreation(OperationAnalysisContext context, RequestShapes shapes)
        {
            var creation = (IObjectCreationOperation)context.Operation;
            if (shapes.For(creation.Type, context.CancellationToken) is not { } shape)
            {
                return;
            }

            var assigned = new Dictionary<string, IOperation>(StringComparer.Ordinal);
            foreach (IArgumentOperation argument in creation.Arguments)
            {
                // A default the caller left out was checked where it is declared.
                if (argument.ArgumentKind != ArgumentKind.DefaultValue && argument.Parameter is { } parameter && shape.MemberFor(parameter) is { } member)
                {
                    CheckValue(context, member, argument.Value);
                    assigned[member.Name] = argument.Value;
                }
            }

            // Initializer assignments are checked one by one as assignments; here they only count.
            if (creation.Initializer is { } initializer)
            {
                foreach (IOperation operation in initializer.Initializers)
                {
                    if (operation is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target } assignment && shape.Member(target.Property.Name) is { } member)
                    {
                        assigned[member.Name] = assignment.Value;
                    }
                }
            }

            // More single members than allowed is reported once, on the declaration.
            if (shape.SingleModelImages <= TryOnRules.MaxModelImages)
            {
                CountModelImages(context, shape.Members, assigned);
            }
        }

        public static void AnalyzeAssignment(OperationAnalysisContext context, RequestShapes shapes)
        {
            // The instance's type, not the property's: an inherited member is set on the derived request.
            var assignment = (ISimpleAssignmentOperation)context.Operation;
            if (assignment.Target is IPropertyReferenceOperation { Property: { } property } target &&
                shapes.For(target.Instance?.Type ?? property.ContainingType, context.CancellationToken)?.Member(property.Name) is { } member)
            {
                CheckValue(context, member, assignment.Value);
            }
        }

        private static void CheckValue(OperationAnalysisContext context, RequestMember member, IOperation value)
        {
            switch (member.Role)
            {
                case MemberRole.GenerateCount:
                    if (Unwrap(value) is { ConstantValue: { HasValue: true, Value: int count } } constant && !TryOnRules.IsValidGenerateCount(count))
                    {
                        context.ReportDiagnostic(DeclarationRules.GenerateCountOutOfRange(constant.Syntax.GetLocation(), count));
                    }

                    break;
                case MemberRole.Garment:
                    CheckUrl(context, member.Name, value);
                    break;
                case MemberRole.ModelImage when TryOnDeclarations.ModelImageShapeOf(member.Type, out _) == ModelImageShape.Single:
                    CheckUrl(context, member.Name, value);
                    break;
                case MemberRole.ModelImage:
                    foreach (IOperation element in KnownElements(value, context.CancellationToken, out _))
                    {
                        CheckUrl(context, member.Name, element);
                    }

                    break;
            }
        }

        // A constant URL, as a string or as new Uri("..."), that the service could not download.
        private static void CheckUrl(OperationAnalysisContext context, string member, IOperation value)
        {
            IOperation url = Unwrap(value);
            if (url is IObjectCreationOperation { Arguments.Length: > 0 } creation &&
                creation.Type is INamedTypeSymbol { Name: "Uri" } uri &&
                TryOnDeclarations.IsNamespace(uri.ContainingNamespace, "System"))
            {
                url = Unwrap(creation.Arguments[0].Value);
            }

            if (url.ConstantValue is not { HasValue: true, Value: string text })
            {
                return;
            }

            if (TryOnRules.CheckImageUrl(member, text) is var (ruleId, message))
            {
                DiagnosticDescriptor descriptor = ruleId == TryOnRules.RuleIds.TextHasNoUtf8Form
                    ? DiagnosticDescriptors.TextHasNoUtf8Form
                    : DiagnosticDescriptors.ImageUrlNotDownloadable;
                context.ReportDiagnostic(Diagnostic.Create(descriptor, url.Syntax.GetLocation(), message));
            }
        }

        // Counts the model images the members are given, in writing order, and reports on the first one past 8.
        private static void CountModelImages(OperationAnalysisContext context, List<RequestMember> members, Dictionary<string, IOperation> assigned)
        {
            var images = new List<SyntaxNode>();
            bool complete = true;
            foreach (RequestMember member in members)
            {
                if (member.Role != MemberRole.ModelImage || !assigned.TryGetValue(member.Name, out IOperation? value))
                {
                    continue;
                }

                if (TryOnDeclarations.ModelImageShapeOf(member.Type, out _) == ModelImageShape.Single)
                {
                    if (!IsNullConstant(value))
                    {
                        images.Add(value.Syntax);
                    }

                    continue;
                }

                List<IOperation> elements = KnownElements(value, context.CancellationToken, out bool allKnown);
                complete &= allKnown;
                foreach (IOperation element in elements)
                {
                    if (!IsNullConstant(element))
                    {
                        images.Add(element.Syntax);
                    }
                }
            }

            if (images.Count > TryOnRules.MaxModelImages)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.TooManyModelImages,
                    images[TryOnRules.MaxModelImages].GetLocation(),
                    TryOnRules.Messages.TooManyModelImages(images.Count, atLeast: !complete)));
            }
        }

        /// <summary>
        /// The elements of a collection written out in place: an array initializer, a collection expression,
        /// a collection initializer. <paramref name="allKnown"/> is false where more may come (a spread, or a
        /// collection built elsewhere).
        /// </summary>
        private static List<IOperation> KnownElements(IOperation value, CancellationToken cancellationToken, out bool allKnown)
        {
            var elements = new List<IOperation>();
            allKnown = true;
            IOperation collection = Unwrap(value);
            switch (collection)
            {
                case IArrayCreationOperation { Initializer: { } initializer }:
                    elements.AddRange(initializer.ElementValues);
                    return elements;
                case IObjectCreationOperation { Initializer: { } initializer } creation:
                    allKnown = creation.Arguments.IsEmpty;
                    foreach (IOperation add in initializer.Initializers)
                    {
                        if (add is IInvocationOperation { Arguments.Length: 1 } invocation)
                        {
                            elements.Add(invocation.Arguments[0].Value);
                        }
                        else
                        {
                            allKnown = false;
                        }
                    }

                    return elements;
            }

            // Collection expressions have no operation kind in the Roslyn this analyzer is built against: read the syntax.
            if (collection.Syntax is CollectionExpressionSyntax expression && collection.SemanticModel is { } model)
            {
                foreach (CollectionElementSyntax element in expression.Elements)
                {
                    if (element is ExpressionElementSyntax { Expression: { } item } && model.GetOperation(item, cancellationToken) is { } operation)
                    {
                        elements.Add(operation);
                    }
                    else
                    {
                        allKnown = false;
                    }
                }

                return elements;
            }

            allKnown = false;
            return elements;
        }

        private static bool IsNullConstant(IOperation value) => Unwrap(value).ConstantValue is { HasValue: true, Value: null };

        private static IOperation Unwrap(IOperation value)
        {
            while (value is IConversionOperation { IsImplicit: true } conversion)
            {
                value = conversion.Operand;
            }

            return value;
        }
    }
}
