using System;
using System.Collections.Generic;
using System.Net.Http;
using Aidge.Declarative;
using Aidge.Declarative.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection
{
    /// <summary>Registers <see cref="TryOnClient"/> as a typed client of <c>IHttpClientFactory</c>.</summary>
    public static class AidgeServiceCollectionExtensions
    {
        /// <summary>
        /// Registers <see cref="TryOnClient"/> with its settings and credential from the configuration section
        /// <c>Aidge</c>: <c>AccessKey</c>, <c>Secret</c> (keep it in user secrets or the environment, as
        /// <c>Aidge__Secret</c>), and any <see cref="TryOnClientOptions"/> property. Everything is validated
        /// when the host starts.
        /// </summary>
        /// <returns>The HttpClient builder, to add handlers or configure the client.</returns>
        public static IHttpClientBuilder AddAidgeTryOnClient(this IServiceCollection services, IConfiguration configuration)
        {
            if (services is null)
            {
                throw new ArgumentNullException(nameof(services));
            }

            if (configuration is null)
            {
                throw new ArgumentNullException(nameof(configuration));
            }

            IConfigurationSection section = configuration.GetSection(TryOnClientOptions.SectionName);
            services.AddSingleton(_ =>
            {
                string? accessKey = section["AccessKey"];
                string? secret = section["Secret"];
                if (string.IsNullOrWhiteSpace(accessKey) || string.IsNullOrEmpty(secret))
                {
                    throw new OptionsValidationException(
                        TryOnClientOptions.SectionName,
                        typeof(AidgeCredential),
                        new[] { "Set " + section.Path + ":AccessKey and " + section.Path + ":Secret (in user secrets or the environment as Aidge__AccessKey and Aidge__Secret) to call Aidge." });
                }

                return new AidgeCredential(accessKey!, secret!);
            });

            IHttpClientBuilder builder = AddCore(services, options =>
            {
                var errors = new List<string>();
                TryOnClientOptionsBinder.Bind(section, options, errors);
                if (errors.Count != 0)
                {
                    throw new OptionsValidationException(Options.Options.DefaultName, typeof(TryOnClientOptions), errors);
                }
            });

            // The credential is checked with the options when the host starts, not at the first call: read when validated, so that
            // configuration added after the host was built (a fake server's, say) counts.
            services.AddOptions<TryOnClientOptions>().Validate(
                _ => !string.IsNullOrWhiteSpace(section["AccessKey"]) && !string.IsNullOrEmpty(section["Secret"]),
                "Set " + section.Path + ":AccessKey and " + section.Path + ":Secret (in user secrets or the environment as Aidge__AccessKey and Aidge__Secret) to call Aidge.");
            return builder;
        }

        /// <summary>Registers <see cref="TryOnClient"/> with a credential and settings given in code.</summary>
        /// <returns>The HttpClient builder, to add handlers or configure the client.</returns>
        public static IHttpClientBuilder AddAidgeTryOnClient(this IServiceCollection services, AidgeCredential credential, Action<TryOnClientOptions>? configure = null)
        {
            if (services is null)
            {
                throw new ArgumentNullException(nameof(services));
            }

            if (credential is null)
            {
                throw new ArgumentNullException(nameof(credential));
            }

            services.AddSingleton(credential);
            return AddCore(services, configure ?? (_ => { }));
        }

        /// <summary>
        /// Registers the generated implementation of a <see cref="TryOnApiAttribute"/> interface, calling through the
        /// <see cref="TryOnClient"/> that <c>AddAidgeTryOnClient</c> registered: inject <typeparamref name="TApi"/>.
        /// </summary>
        public static IServiceCollection AddTryOnApi<TApi>(this IServiceCollection services)
            where TApi : class
        {
            if (services is null)
            {
                throw new ArgumentNullException(nameof(services));
            }

            services.AddTransient(provider => provider.GetRequiredService<TryOnClient>().CreateApi<TApi>());
            return services;
        }

        private static IHttpClientBuilder AddCore(IServiceCollection services, Action<TryOnClientOptions> configure)
        {
            services.AddOptions<TryOnClientOptions>()
                .Configure(configure)
                .Configure<IServiceProvider>((options, provider) =>
                {
                    // A TimeProvider registered in the container (a fake one in tests) drives the client's clock.
                    if (provider.GetService(typeof(TimeProvider)) is TimeProvider time)
                    {
                        options.TimeProvider = time;
                    }

                    // So does a submit budget shared with the key's other holders (a PostgreSqlSubmitBudget, say).
                    if (options.SubmitBudget is null && provider.GetService(typeof(ITryOnSubmitBudget)) is ITryOnSubmitBudget budget)
                    {
                        options.SubmitBudget = budget;
                    }
                })
                .ValidateOnStart();
            services.AddSingleton<IValidateOptions<TryOnClientOptions>, TryOnClientOptionsValidator>();

            // The factory's own logging writes every request URI, and ours carry the call's signature in
            // the query string: the client logs each call itself, without it. Its handler follows no redirect
            // (a signed, paid call goes to one host), and RequestTimeout, not the factory's 100 s, bounds a call.
            return services.AddHttpClient(nameof(TryOnClient))
                .RemoveAllLoggers()
                .ConfigurePrimaryHttpMessageHandler(Aidge.Declarative.Client.TryOnTransport.CreateHandler)
                .ConfigureHttpClient(http => http.Timeout = System.Threading.Timeout.InfiniteTimeSpan)
                .AddTypedClient((http, provider) => new TryOnClient(
                    provider.GetRequiredService<AidgeCredential>(),
                    provider.GetRequiredService<IOptions<TryOnClientOptions>>().Value,
                    http,
                    provider.GetService<ILogger<TryOnClient>>()));
        }

        private sealed class TryOnClientOptionsValidator : IValidateOptions<TryOnClientOptions>
        {
            public ValidateOptionsResult Validate(string? name, TryOnClientOptions options)
            {
                IReadOnlyList<string> problems = options.Validate();
                return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
            }
        }
    }
}
