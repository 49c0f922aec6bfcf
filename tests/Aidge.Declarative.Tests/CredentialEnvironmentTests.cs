using System;
using Xunit;

namespace Aidge.Declarative.Tests;

/// <summary>
/// Credentials from the environment are all or nothing: half a pair is an error naming the missing variable, never taken for none
/// (which made a program fall back to its fake server). The variables are the process's own, so these run alone.
/// </summary>
[Collection(nameof(SerialCollection))]
public sealed class CredentialEnvironmentTests : IDisposable
{
    private readonly string? _key = Environment.GetEnvironmentVariable(AidgeCredential.AccessKeyVariable);
    private readonly string? _secret = Environment.GetEnvironmentVariable(AidgeCredential.SecretVariable);

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(AidgeCredential.AccessKeyVariable, _key);
        Environment.SetEnvironmentVariable(AidgeCredential.SecretVariable, _secret);
    }

    [Theory]
    [InlineData("key", null, AidgeCredential.SecretVariable)]
    [InlineData("key", "", AidgeCredential.SecretVariable)]
    [InlineData(null, "s3cret-value", AidgeCredential.AccessKeyVariable)]
    [InlineData("  ", "s3cret-value", AidgeCredential.AccessKeyVariable)]
    public void Half_a_pair_is_an_error_that_names_the_missing_variable_and_never_the_secret(string? key, string? secret, string missing)
    {
        Set(key, secret);

        InvalidOperationException ifSet = Assert.Throws<InvalidOperationException>(() => AidgeCredential.FromEnvironmentIfSet());
        InvalidOperationException required = Assert.Throws<InvalidOperationException>(() => AidgeCredential.FromEnvironment());

        foreach (InvalidOperationException problem in new[] { ifSet, required })
        {
            Assert.Contains(missing + " is not", problem.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("s3cret-value", problem.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Neither_is_none_for_a_program_with_a_fallback_and_an_error_for_one_without()
    {
        Set(null, null);

        Assert.Null(AidgeCredential.FromEnvironmentIfSet());
        InvalidOperationException problem = Assert.Throws<InvalidOperationException>(() => AidgeCredential.FromEnvironment());
        Assert.Contains(AidgeCredential.AccessKeyVariable, problem.Message, StringComparison.Ordinal);
        Assert.Contains(AidgeCredential.SecretVariable, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Both_give_the_credential_with_no_null_to_check()
    {
        Set("key-a", "secret-a");

        AidgeCredential credential = AidgeCredential.FromEnvironment();

        Assert.Equal("key-a", credential.AccessKey);
        Assert.Equal("key-a", AidgeCredential.FromEnvironmentIfSet()!.AccessKey);
    }

    private static void Set(string? key, string? secret)
    {
        Environment.SetEnvironmentVariable(AidgeCredential.AccessKeyVariable, key);
        Environment.SetEnvironmentVariable(AidgeCredential.SecretVariable, secret);
    }
}
