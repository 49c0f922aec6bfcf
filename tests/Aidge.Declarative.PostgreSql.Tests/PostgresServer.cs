using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace Aidge.Declarative.PostgreSql.Tests
{
    /// <summary>
    /// A real PostgreSQL for the tests, never a mock: the one named by <c>AIDGE_TEST_POSTGRES</c> (an Npgsql connection string) when it
    /// is set; else a throwaway server of this machine's PostgreSQL binaries (<c>pg_config --bindir</c>), made with <c>initdb</c> in a
    /// folder of its own and started with <c>postgres</c> on a free loopback port, as the <c>postgres</c> user when the tests run as
    /// root (PostgreSQL refuses to run as root), then stopped and deleted.
    /// </summary>
    public sealed class PostgresServer : IAsyncDisposable
    {
        private static readonly Lazy<string?> s_binaries = new(FindBinaries);

        private readonly string? _directory;
        private readonly int _port;
        private Process? _process;
        private int _databases;

        private PostgresServer(string connectionString)
        {
            BaseConnectionString = connectionString;
        }

        private PostgresServer(string directory, int port)
        {
            _directory = directory;
            _port = port;
            BaseConnectionString = new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = port, Username = "postgres", Database = "postgres", Pooling = true, MaxPoolSize = 50 }.ConnectionString;
        }

        /// <summary>Why no PostgreSQL can be had here, and how to point the tests at one; null when one can.</summary>
        public static string? Unavailable =>
            Environment.GetEnvironmentVariable("AIDGE_TEST_POSTGRES") is { Length: > 0 } || s_binaries.Value is not null
                ? null
                : "No PostgreSQL here: no AIDGE_TEST_POSTGRES (an Npgsql connection string of a server the tests may create databases on) and no server binaries " +
                  "(pg_config --bindir, or /usr/lib/postgresql/*/bin). Install them (apt-get install postgresql) or set AIDGE_TEST_POSTGRES.";

        /// <summary>The server's own database, as a connection string.</summary>
        public string BaseConnectionString { get; }

        /// <summary>Whether this server is one the tests made (and so can stop and start again).</summary>
        public bool IsThrowaway => _directory is not null;

        /// <summary>A server of its own (the test restarts it, say): throwaway when binaries are here, else the one of AIDGE_TEST_POSTGRES.</summary>
        public static async Task<PostgresServer> StartAsync()
        {
            if (Environment.GetEnvironmentVariable("AIDGE_TEST_POSTGRES") is { Length: > 0 } given)
            {
                return new PostgresServer(given);
            }

            string binaries = s_binaries.Value ?? throw new InvalidOperationException(Unavailable);
            string directory = Path.Combine(Path.GetTempPath(), "aidge-pg-" + Guid.NewGuid().ToString("N").Substring(0, 12));
            Directory.CreateDirectory(directory);
            bool root = Environment.UserName == "root";
            if (root)
            {
                Run(false, "chown", "postgres", directory);
            }

            Run(root, Path.Combine(binaries, "initdb"), "-D", Path.Combine(directory, "data"), "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync", "--locale=C");
            var server = new PostgresServer(directory, FreePort());
            await server.StartProcessAsync();
            return server;
        }

        /// <summary>A new, empty database on the server, as a connection string.</summary>
        public async Task<string> CreateDatabaseAsync(string? name = null)
        {
            name ??= "aidge_" + Interlocked.Increment(ref _databases) + "_" + Guid.NewGuid().ToString("N").Substring(0, 8);
            await using var connection = new NpgsqlConnection(BaseConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("CREATE DATABASE " + name, connection);
            await command.ExecuteNonQueryAsync();
            return new NpgsqlConnectionStringBuilder(BaseConnectionString) { Database = name }.ConnectionString;
        }

        /// <summary>Stops the server at once (the clients' connections are cut), as a crash or a failover would.</summary>
        public async Task StopAsync()
        {
            if (_process is { HasExited: false } process)
            {
                // SIGINT: PostgreSQL's fast shutdown, every session ended where it stands.
                SendSignal(process.Id, 2);
                await process.WaitForExitAsync();
            }
        }

        /// <summary>Starts the server again on its data and port.</summary>
        public Task RestartAsync() => StartProcessAsync();

        public async ValueTask DisposeAsync()
        {
            NpgsqlConnection.ClearAllPools();
            await StopAsync();
            if (_directory is not null)
            {
                try
                {
                    Directory.Delete(_directory, recursive: true);
                }
                catch (IOException)
                {
                }
            }
        }

        private async Task StartProcessAsync()
        {
            string binaries = s_binaries.Value!;
            bool root = Environment.UserName == "root";
            var start = new ProcessStartInfo(root ? "setpriv" : Path.Combine(binaries, "postgres"))
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            if (root)
            {
                // setpriv runs the server in this process's place (no process between), as the postgres user: its pid is the server's.
                foreach (string argument in AsPostgres)
                {
                    start.ArgumentList.Add(argument);
                }

                start.ArgumentList.Add(Path.Combine(binaries, "postgres"));
            }

            foreach (string argument in new[]
            {
                "-D", Path.Combine(_directory!, "data"), "-p", _port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-k", _directory!,
                "-c", "listen_addresses=127.0.0.1", "-c", "max_connections=300", "-c", "shared_buffers=64MB",
            })
            {
                start.ArgumentList.Add(argument);
            }

            _process = Process.Start(start)!;
            Process started = _process;
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                // A test run that ends without disposing (a crash, a kill) leaves no server behind.
                try
                {
                    if (!started.HasExited)
                    {
                        started.Kill();
                    }
                }
                catch (InvalidOperationException)
                {
                }
            };
            _process.OutputDataReceived += (_, _) => { };
            _process.ErrorDataReceived += (_, _) => { };
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
            var clock = Stopwatch.StartNew();
            while (true)
            {
                try
                {
                    await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(BaseConnectionString) { Pooling = false, Timeout = 2 }.ConnectionString);
                    await connection.OpenAsync();
                    return;
                }
                catch (Exception exception) when (exception is NpgsqlException or SocketException or TimeoutException)
                {
                    if (_process.HasExited || clock.Elapsed > TimeSpan.FromSeconds(60))
                    {
                        throw new InvalidOperationException("The throwaway PostgreSQL did not start: " + exception.Message, exception);
                    }

                    await Task.Delay(50);
                }
            }
        }

        private static readonly string[] AsPostgres = { "--reuid=postgres", "--regid=postgres", "--init-groups", "--" };

        private static string? FindBinaries()
        {
            try
            {
                var start = new ProcessStartInfo("pg_config", "--bindir") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
                using Process process = Process.Start(start)!;
                string folder = process.StandardOutput.ReadToEnd().Trim();
                process.WaitForExit();
                if (process.ExitCode == 0 && File.Exists(Path.Combine(folder, "postgres")) && File.Exists(Path.Combine(folder, "initdb")))
                {
                    return folder;
                }
            }
            catch (System.ComponentModel.Win32Exception)
            {
            }

            return Directory.Exists("/usr/lib/postgresql")
                ? Directory.GetDirectories("/usr/lib/postgresql").Select(v => Path.Combine(v, "bin")).Where(b => File.Exists(Path.Combine(b, "postgres"))).OrderByDescending(b => b, StringComparer.Ordinal).FirstOrDefault()
                : null;
        }

        private static void Run(bool asPostgres, string program, params string[] arguments)
        {
            var start = new ProcessStartInfo(asPostgres ? "setpriv" : program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            if (asPostgres)
            {
                foreach (string argument in AsPostgres)
                {
                    start.ArgumentList.Add(argument);
                }

                start.ArgumentList.Add(program);
            }

            foreach (string argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            using Process process = Process.Start(start)!;
            string output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException(program + " " + string.Join(" ", arguments) + " failed: " + output);
            }
        }

        private static int FreePort()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            int port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
        }

        private static void SendSignal(int pid, int signal) => Run(false, "kill", "-" + signal.ToString(System.Globalization.CultureInfo.InvariantCulture), pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
