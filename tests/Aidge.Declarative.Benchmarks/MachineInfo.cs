using System;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Aidge.Declarative.Benchmarks;

/// <summary>The machine, printed with every run: the CPU model, and the instruction sets the JIT may use on it.</summary>
internal static class MachineInfo
{
    public static string Describe()
    {
        string cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "?"
            : RuntimeInformation.ProcessArchitecture.ToString();
        string isa = RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.X86
            ? string.Join(" ", new (string Name, bool On)[]
            {
                ("SSE4.2", Sse42.IsSupported), ("AVX", Avx.IsSupported), ("AVX2", Avx2.IsSupported), ("BMI2", Bmi2.IsSupported),
                ("AVX-512F", Avx512F.IsSupported), ("AVX-512BW", Avx512BW.IsSupported), ("AVX-512VBMI", Avx512Vbmi.IsSupported),
            }.Where(x => x.On).Select(x => x.Name))
            : RuntimeInformation.ProcessArchitecture.ToString();
        string tiering = Environment.GetEnvironmentVariable("DOTNET_TieredPGO") is { } pgo ? ", DOTNET_TieredPGO=" + pgo : string.Empty;
        return $"{cpu}, {Environment.ProcessorCount} cores, {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}; " +
            $"JIT instruction sets: {isa}; Vector128/256/512 accelerated: {Vector128.IsHardwareAccelerated}/{Vector256.IsHardwareAccelerated}/{Vector512.IsHardwareAccelerated}{tiering}";
    }
}
