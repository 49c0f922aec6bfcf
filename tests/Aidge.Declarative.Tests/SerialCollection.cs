using Xunit;

namespace Aidge.Declarative.Tests;

/// <summary>
/// Tests that observe the whole process (activity and meter listeners, allocated bytes) run alone, after the
/// others: another test's calls would be counted too.
/// </summary>
[CollectionDefinition(nameof(SerialCollection), DisableParallelization = true)]
public sealed class SerialCollection;
