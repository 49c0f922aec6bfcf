using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Aidge.Declarative.Testing;

namespace Aidge.Declarative.Tests.Catalogue
{
    /// <summary>The catalogue sample as a seller runs it: a process of its own, with its own environment, killed or let finish.</summary>
    internal sealed class SampleProcess : IDisposable
    {
        private static readonly string SampleDll = typeof(SampleProcess).Assembly
            .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "CatalogueSample").Value!;

        private readonly Process _process;
        private readonly StringBuilder _log = new();

        private SampleProcess(Process process)
        {
            _process = process;
        }

        /// <summary>Everything the process wrote, both streams.</summary>
        public string Log
        {
            get
            {
                lock (_log)
                {
                    return _log.ToString();
                }
            }
        }

        /// <summary>The environment of a sample that calls <paramref name="server"/> as the real service (key, secret, endpoint).</summary>
        public static Dictionary<string, string?> CallingServer(FakeAidgeServer server) => new()
        {
            [AidgeCredential.AccessKeyVariable] = server.Credential.AccessKey,
            [AidgeCredential.SecretVariable] = FakeAidgeServerOptions.DefaultSecret,
            ["AIDGE_ENDPOINT"] = server.BaseAddress.ToString(),
        };

        /// <summary>The environment of a sample with no credentials at all: it runs its embedded fake.</summary>
        public static Dictionary<string, string?> Embedded() => new();

        /// <summary>The process's id.</summary>
        public int Id => _process.Id;

        /// <summary>Whether it has ended.</summary>
        public bool HasExited => _process.HasExited;

        /// <summary>How it ended (a kill shows as 137 on Linux).</summary>
        public int ExitCode => _process.ExitCode;

        public static SampleProcess Start(string workingDirectory, IReadOnlyDictionary<string, string?> environment, params string[] arguments) =>
            StartDll(SampleDll, workingDirectory, environment, arguments);

        /// <summary>Another built program of the repository (named by an assembly metadata key of the tests), run the same way.</summary>
        public static SampleProcess StartProgram(string metadataKey, string workingDirectory, IReadOnlyDictionary<string, string?> environment, params string[] arguments) =>
            StartDll(
                typeof(SampleProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == metadataKey).Value!,
                workingDirectory,
                environment,
                arguments);

        /// <summary>Stops (SIGSTOP) or resumes (SIGCONT) the process, as a frozen VM or a debugger would: it holds everything, and does nothing.</summary>
        public void Signal(bool pause)
        {
            using Process kill = Process.Start(new ProcessStartInfo("kill", (pause ? "-STOP " : "-CONT ") + _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)) { UseShellExecute = false })!;
            kill.WaitForExit();
        }

        private static SampleProcess StartDll(string dll, string workingDirectory, IReadOnlyDictionary<string, string?> environment, string[] arguments)
        {
            if (!File.Exists(dll))
            {
                throw new InvalidOperationException("The program is built beside the tests: " + dll);
            }

            var start = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = workingDirectory,
            };
            start.ArgumentList.Add(dll);
            foreach (string argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            // Nothing of the test's own environment decides which service the sample calls.
            foreach (string name in new[] { AidgeCredential.AccessKeyVariable, AidgeCredential.SecretVariable, "AIDGE_ENDPOINT", "AIDGE_REGION", "AIDGE_TRIAL" })
            {
                start.Environment.Remove(name);
            }

            foreach (KeyValuePair<string, string?> variable in environment)
            {
                start.Environment[variable.Key] = variable.Value;
            }

            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            var sample = new SampleProcess(Process.Start(start)!);
            sample._process.OutputDataReceived += (_, e) => sample.Append(e.Data);
            sample._process.ErrorDataReceived += (_, e) => sample.Append(e.Data);
            sample._process.BeginOutputReadLine();
            sample._process.BeginErrorReadLine();
            return sample;
        }

        /// <summary>Runs the sample to its end, within 3 minutes.</summary>
        public static async Task<(int ExitCode, string Log)> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string?> environment, params string[] arguments)
        {
            using SampleProcess sample = Start(workingDirectory, environment, arguments);
            int? exitCode = await sample.WaitAsync(TimeSpan.FromMinutes(3));
            return (exitCode ?? throw new TimeoutException("The sample did not end within 3 minutes:\n" + sample.Log), sample.Log);
        }

        /// <summary>Its exit code, or null when it was still running after <paramref name="limit"/> and was killed (SIGKILL: no finally, no flush).</summary>
        public async Task<int?> WaitAsync(TimeSpan limit)
        {
            using var deadline = new CancellationTokenSource(limit);
            try
            {
                await _process.WaitForExitAsync(deadline.Token);
                await _process.WaitForExitAsync();   // and its output read to the end
                return _process.ExitCode;
            }
            catch (OperationCanceledException)
            {
                _process.Kill();
                await _process.WaitForExitAsync();
                return null;
            }
        }

        /// <summary>Waits until the sample has written <paramref name="text"/>, or has ended.</summary>
        public async Task<bool> WaitForAsync(string text, TimeSpan limit)
        {
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < limit)
            {
                if (Log.Contains(text, StringComparison.Ordinal))
                {
                    return true;
                }

                if (_process.HasExited)
                {
                    return Log.Contains(text, StringComparison.Ordinal);
                }

                await Task.Delay(20);
            }

            return false;
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                _process.WaitForExit();
            }

            _process.Dispose();
        }

        private void Append(string? line)
        {
            lock (_log)
            {
                _log.AppendLine(line);
            }
        }
    }
}
