using System;
using System.Threading.Tasks;
using Aidge.Declarative.PostgreSql;
using Npgsql;

namespace Microsoft.Extensions.DependencyInjection
{
    /// <summary>Registers the submit budget shared through PostgreSQL, for every <see cref="Aidge.Declarative.TryOnClient"/> of the container.</summary>
    public static class PostgreSqlServiceCollectionExtensions
    {
        /// <summary>
        /// Registers a <see cref="PostgreSqlSubmitBudget"/> as the container's <see cref="Aidge.Declarative.ITryOnSubmitBudget"/>:
        /// <c>AddAidgeTryOnClient</c>'s client then takes every submit's permit from it, sharing the key's budget with every other
        /// process that uses the same database (a storefront's other instances, catalogue workers).
        /// </summary>
        /// <param name="services">The container.</param>
        /// <param name="connectionString">The database, as an Npgsql connection string. Its pool holds at most <see cref="Aidge.Declarative.PostgreSql.PostgreSqlSubmitBudget.DefaultMaxPoolSize"/> connections unless the string sets <c>Maximum Pool Size</c>.</param>
        /// <param name="serviceName">The service the client calls, as <see cref="Aidge.Declarative.TryOnClientOptions.GetServiceName"/> names it.</param>
        /// <param name="accessKey">The access key's name.</param>
        /// <param name="configure">The budget's size and window; it is learned over 60 s when not given.</param>
        public static IServiceCollection AddAidgePostgreSqlSubmitBudget(
            this IServiceCollection services, string connectionString, string serviceName, string accessKey, Action<PostgreSqlSubmitBudgetOptions>? configure = null)
        {
            if (services is null)
            {
                throw new ArgumentNullException(nameof(services));
            }

            PostgreSqlSchema.ReadConnectionString(connectionString);   // refused now, not at the first submit

            var options = new PostgreSqlSubmitBudgetOptions();
            configure?.Invoke(options);

            // The data source is the container's, disposed with it; the budget makes its tables when first asked for a permit.
            services.AddSingleton(_ => new BudgetDataSource(PostgreSqlSchema.CreateDataSource(connectionString, PostgreSqlSubmitBudget.DefaultMaxPoolSize)));
            services.AddSingleton<Aidge.Declarative.ITryOnSubmitBudget>(provider =>
                new PostgreSqlSubmitBudget(provider.GetRequiredService<BudgetDataSource>().DataSource, serviceName, accessKey, options));
            return services;
        }

        /// <summary>The budget's own data source, so that one registered for other uses is neither taken nor disposed.</summary>
        internal sealed class BudgetDataSource : IAsyncDisposable
        {
            public BudgetDataSource(NpgsqlDataSource dataSource)
            {
                DataSource = dataSource;
            }

            public NpgsqlDataSource DataSource { get; }

            public ValueTask DisposeAsync() => DataSource.DisposeAsync();
        }
    }
}
