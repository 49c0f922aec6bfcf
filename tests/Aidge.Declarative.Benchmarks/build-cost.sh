#!/usr/bin/env bash
# The generator's and analyzers' cost in a real build: 1,000 annotated records built with and without
# them, each from clean (--no-incremental) several times, plus the analyzers' own time as the compiler
# reports it (/p:ReportAnalyzer=true). A fifth, "stj", gives the same records System.Text.Json's source
# generator (a JsonSerializerContext with a [JsonSerializable] each): the peer users would pick instead.
# A third project, "floor", has no components but a hand-written
# file in which every record implements ITryOnRequest with empty members: the least any generator
# must add for the records to be requests. A fourth, "emitted", compiles the generator's output as plain
# source. Run from anywhere: bash tests/Aidge.Declarative.Benchmarks/build-cost.sh [runs]
# Clean builds on a shared machine move by seconds between runs; the same comparison timed inside one warm process,
# round by round, is steadier: dotnet run -c Release --project tests/Aidge.Declarative.Benchmarks -- compile-cost [rounds].
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
runs="${1:-5}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

dotnet build "$root/src/Aidge.Declarative" -c Release -nologo -v:q >/dev/null   # the assemblies the corpus references
dotnet run -c Release --project "$root/tests/Aidge.Declarative.Benchmarks" -- corpus "$work" 1000 "$root" >/dev/null
# "emitted": the generator's output for the same records, saved from a build of "with" and compiled as
# plain source with no components. It splits the cost into compiling the code the generator writes and
# running the generator and analyzers.
dotnet build "$work/with" -c Release -nologo -v:q -p:EmitCompilerGeneratedFiles=true -p:CompilerGeneratedFilesOutputPath="$work/emitted/Generated" >/dev/null
cp "$work/without/Corpus.csproj" "$work/without/Records.cs" "$work/emitted/"
for variant in with without floor emitted stj; do
  dotnet build "$work/$variant" -c Release -nologo -v:q >/dev/null   # restore and warm the build server
done

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
declare -A result
for variant in with without floor emitted stj; do
  for _ in $(seq "$runs"); do
    start=$(date +%s%N)
    dotnet build "$work/$variant" -c Release --no-incremental -nologo -v:q >/dev/null
    echo $(( ($(date +%s%N) - start) / 1000000 ))
  done > "$work/$variant.times"
  result[$variant]=$(median < "$work/$variant.times")
done

echo "records: 1000, runs: $runs (median wall time of 'dotnet build --no-incremental')"
echo "with generator and analyzers:    ${result[with]} ms"
echo "without:                         ${result[without]} ms"
awk -v a="${result[with]}" -v b="${result[without]}" 'BEGIN { printf "added: %.1f%%\n", (a - b) * 100 / b }'
echo "floor (empty ITryOnRequest members, no components): ${result[floor]} ms"
awk -v a="${result[floor]}" -v b="${result[without]}" 'BEGIN { printf "added by the floor alone: %.1f%%\n", (a - b) * 100 / b }'
echo "emitted (the generator's output as plain source, no components): ${result[emitted]} ms"
awk -v a="${result[emitted]}" -v b="${result[without]}" 'BEGIN { printf "added by compiling the generated code alone: %.1f%%\n", (a - b) * 100 / b }'

echo "stj (System.Text.Json source generation of the same records, no components): ${result[stj]} ms"
awk -v a="${result[stj]}" -v b="${result[without]}" 'BEGIN { printf "added by System.Text.Json'"'"'s generator: %.1f%%\n", (a - b) * 100 / b }'
awk -v w="${result[with]}" -v s="${result[stj]}" -v b="${result[without]}" 'BEGIN { printf "ours against System.Text.Json'"'"'s: %.2fx of its added time\n", (w - b) / (s - b) }'

echo
echo "The compiler's own account of the generator and analyzer time (one build, /p:ReportAnalyzer=true):"
dotnet build "$work/with" -c Release --no-incremental -nologo -v:d -p:ReportAnalyzer=true 2>&1 \
  | grep -E "Total (analyzer|generator) execution time|TryOnRequestAnalyzer|TryOnRequestGenerator" | grep -v "Property" | sed 's/^ *//' | head -8
