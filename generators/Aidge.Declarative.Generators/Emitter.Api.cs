using System.Collections.Generic;
using Aidge.Declarative.Generators.Model;
using Aidge.Declarative.Roslyn;

namespace Aidge.Declarative.Generators
{
    /// <summary>
    /// The typed-client artifact: an <see cref="ApiSpec"/> into a class that implements the interface explicitly, each
    /// method one call into the runtime's <c>TryOnApis</c> (so that the code compiled per method stays one line), and a
    /// module initializer that registers the class for <c>TryOnClient.CreateApi&lt;T&gt;()</c>.
    /// </summary>
    internal static partial class Emitter
    {
        public static string Emit(ApiSpec spec)
        {
            SourceWriter source = Header();
            source.Line("// A registration at module initialization is how CreateApi<T>() finds this class without reflection.");
            source.Line("#pragma warning disable CA2255");
            source.Line();
            if (spec.Namespace is not null)
            {
                source.Open("namespace " + spec.Namespace);
            }

            source.Line("/// <summary>The generated implementation of <see cref=\"" + spec.Interface + "\"/>.</summary>");
            source.Line(s_generatedCode);
            source.Open("internal sealed class " + spec.Implementation + " : " + spec.Interface);
            source.Line("private readonly " + Client + " _client;");
            source.Line();
            source.Line("public " + spec.Implementation + "(" + Client + " client) => _client = client;");
            foreach (ApiMethodSpec method in spec.Methods)
            {
                source.Line();
                source.Line(method.ReturnType + " " + method.Interface + "." + method.Name + "(" + Parameters(method) + ") =>");
                source.Line("    " + Apis + "." + (method.Kind == ApiMethodKind.TryOn ? "TryOnAsync" : "SubmitAsync") + "(" + Arguments(method) + ");");
            }

            source.Line();
            source.Line("[" + ModuleInitializer + "]");
            source.Line("internal static void Register() => " + Apis + ".Register<" + spec.Interface + ">(static client => new " + spec.Implementation + "(client));");
            source.Close();
            if (spec.Namespace is not null)
            {
                source.Close();
            }

            return source.ToString();
        }

        /// <summary>
        /// <c>ModuleInitializerAttribute</c> for a target framework that lacks it (netstandard2.0, .NET Framework): the
        /// compiler honours the attribute by its name, whoever declares it.
        /// </summary>
        public static string EmitModuleInitializerAttribute()
        {
            SourceWriter source = Header();
            source.Open("namespace System.Runtime.CompilerServices");
            source.Line(s_generatedCode);
            source.Line("[global::System.AttributeUsage(global::System.AttributeTargets.Method, Inherited = false)]");
            source.Line("internal sealed class ModuleInitializerAttribute : global::System.Attribute");
            source.Line("{");
            source.Line("}");
            source.Close();
            return source.ToString();
        }

        private static string Parameters(ApiMethodSpec method)
        {
            var parameters = new List<string>(method.Parameters.Count);
            foreach (ApiParameterSpec parameter in method.Parameters)
            {
                parameters.Add(parameter.Type + " " + parameter.Name);
            }

            return string.Join(", ", parameters);
        }

        // The runtime call: the client, the request(s), the progress for a wait, the token; null or default where the method has none.
        private static string Arguments(ApiMethodSpec method)
        {
            string requests = "default!", progress = "null", token = "default";
            foreach (ApiParameterSpec parameter in method.Parameters)
            {
                switch (parameter.Role)
                {
                    case ApiRole.Request or ApiRole.Requests:
                        requests = parameter.Name;
                        break;
                    case ApiRole.Progress:
                        progress = parameter.Name;
                        break;
                    case ApiRole.CancellationToken:
                        token = parameter.Name;
                        break;
                }
            }

            return method.Kind == ApiMethodKind.TryOn ? "_client, " + requests + ", " + progress + ", " + token : "_client, " + requests + ", " + token;
        }
    }
}
