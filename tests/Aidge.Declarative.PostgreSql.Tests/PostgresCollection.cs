using System;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace Aidge.Declarative.PostgreSql.Tests
{
    /// <summary>
    /// A test that needs PostgreSQL: skipped, with the reason and how to point the tests at a server, where none can be had; on CI
    /// (<c>CI=true</c>) a missing PostgreSQL is a failure, never a skip.
    /// </summary>
    public sealed class PostgresFactAttribute : FactAttribute
    {
        public PostgresFactAttribute()
        {
            if (PostgresServer.Unavailable is { } reason && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Skip = reason;
            }
        }
    }

    /// <summary>The PostgreSQL tests run one after another (each starts workers, and the machine has two cores), on one server they share.</summary>
    [CollectionDefinition(nameof(PostgresCollection), DisableParallelization = true)]
    public sealed class PostgresCollection : ICollectionFixture<SharedPostgres>;

    /// <summary>The server the collection's tests share: started when first asked for, stopped and deleted after the last test.</summary>
    public sealed class SharedPostgres : IAsyncLifetime
    {
        private readonly SemaphoreSlim _gate = new(1, 1);
        private PostgresServer? _server;

        public async Task<PostgresServer> GetAsync()
        {
            await _gate.WaitAsync();
            try
            {
                return _server ??= await PostgresServer.StartAsync();
            }
            finally
            {
                _gate.Release();
            }
        }

        public Task InitializeAsync() => Task.CompletedTask;

        public async Task DisposeAsync()
        {
            if (_server is not null)
            {
                await _server.DisposeAsync();
            }
        }
    }
}
