using System;
using System.Collections.Generic;
using System.Linq;
using Aidge.Declarative.Catalogue;
using Xunit;

namespace Aidge.Declarative.Tests;

/// <summary>
/// The number of every public enum's member, pinned (the ledger stores states and kinds by name, but names and numbers are both kept). They travel: into ledgers, logs, metrics and callers' own stores. A member
/// inserted in the middle, or renumbered, would change the meaning of every value already kept; this test fails first.
/// </summary>
public sealed class EnumValueTests
{
    public static TheoryData<Type, string> Pinned => new()
    {
        { typeof(AidgeErrorKind), "Unknown=0 ServiceFault=1 RateLimited=2 InvalidInput=3 ImageProblem=4 ContentRisk=5 QuotaExhausted=6 Gateway=7 InvalidResponse=8 TaskFailed=9 Transport=10 Redirected=11 Timeout=12" },
        { typeof(TryOnTaskStatus), "Unknown=0 Submitted=1 Running=2 Finished=3 Failed=4" },
        { typeof(TryOnEdition), "Standard=0 Pro=1" },
        { typeof(AidgeRegion), "Global=0 China=1" },
        { typeof(TryOnSubmitOutcome), "NotSent=0 Accepted=1 RateLimited=2 Answered=3" },
        { typeof(GarmentType), "Tops=0 Bottoms=1 Dresses=2" },
        { typeof(ViewType), "FullBody=0 HalfBody=1 Mixed=2" },
        { typeof(ModelGender), "Male=0 Female=1" },
        { typeof(ModelStyle), "Universal1=0 Universal2=1 Universal3=2" },
        { typeof(ModelAge), "Children=0 YoungAdult=1" },
        { typeof(ModelBody), "Slim=0 Curvy=1" },
        { typeof(TryOnLedgerState), "Submitting=1 Submitted=2 Finished=3 Failed=4 InDoubt=5" },
        { typeof(TryOnLookState), "Finished=1 Failed=2 InDoubt=3 StillRunning=4" },
    };

    [Theory]
    [MemberData(nameof(Pinned))]
    public void Every_member_keeps_its_number(Type enumType, string expected)
    {
        IEnumerable<string> actual = Enum.GetNames(enumType).Select(name => name + "=" + Convert.ToInt64(Enum.Parse(enumType, name), System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(expected, string.Join(" ", actual.OrderBy(pair => long.Parse(pair.Split('=')[1], System.Globalization.CultureInfo.InvariantCulture))));
    }

    [Fact]
    public void Every_public_enum_of_the_packages_is_pinned()
    {
        Type[] packages = { typeof(TryOnClient), typeof(TryOnCatalogueRun<>) };
        string[] pinned = Pinned.Select(row => ((Type)row[0]).FullName!).ToArray();

        string[] enums = packages.SelectMany(type => type.Assembly.GetExportedTypes()).Where(type => type.IsEnum).Select(type => type.FullName!).ToArray();

        Assert.Empty(enums.Except(pinned));
    }
}
