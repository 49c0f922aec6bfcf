using System;
using System.Linq;
using System.Reflection;
using Xunit;

namespace Aidge.Declarative.Tests;

/// <summary>
/// The vocabulary table (<c>TryOnRules.Traits</c>) against the attributes a user writes: a row for every property and a
/// property for every row, of the row's kind, and a spelling for every value of a choice. A property added without its row,
/// or a value without its spelling, fails here, before a declaration could compile and send nothing for it.
/// </summary>
public sealed class VocabularyTests
{
    [Theory]
    [InlineData(typeof(TryOnRequestAttribute), TryOnRules.RequestAttribute)]
    [InlineData(typeof(TryOnModelAttribute), TryOnRules.ModelAttribute)]
    public void Every_attribute_property_has_one_row_and_every_row_a_property_of_its_kind(Type attribute, string name)
    {
        PropertyInfo[] properties = attribute.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).ToArray();
        WireTrait[] rows = TryOnRules.Traits.Where(trait => trait.Attribute == name).ToArray();

        Assert.Equal(properties.Select(p => p.Name).OrderBy(n => n, StringComparer.Ordinal), rows.Select(r => r.Property).OrderBy(n => n, StringComparer.Ordinal));
        foreach (WireTrait row in rows)
        {
            Type type = properties.Single(p => p.Name == row.Property).PropertyType;
            Type expected = row.Kind switch
            {
                TraitKind.Text => typeof(string),
                TraitKind.Flag => typeof(bool),
                TraitKind.Count => typeof(int),
                _ => row.Choices!,
            };
            Assert.True(Nullable.GetUnderlyingType(type) == expected || type == expected, row.Property + " is a " + type + ", but its row says " + row.Kind + " of " + expected);
        }
    }

    [Fact]
    public void Every_value_of_a_choice_has_a_spelling_and_no_two_fields_one_name()
    {
        foreach (WireTrait choice in TryOnRules.Traits.Where(trait => trait.Kind == TraitKind.Choice))
        {
            int[] values = Enum.GetValues(choice.Choices!).Cast<object>().Select(Convert.ToInt32).ToArray();
            Assert.Equal(Enumerable.Range(0, values.Length), values);
            Assert.Equal(values.Length, choice.Spellings!.Length);
            Assert.All(choice.Spellings, spelling => Assert.False(string.IsNullOrEmpty(spelling)));
            Assert.Equal(choice.Spellings.Length, choice.Spellings.Distinct(StringComparer.Ordinal).Count());
        }

        Assert.Equal(Enum.GetValues<GarmentType>().Length, TryOnRules.GarmentSpellings.Length);
        string[] names = TryOnRules.Traits.Where(trait => trait.WireName is not null).Select(trait => (trait.InModel ? "model." : string.Empty) + trait.WireName).ToArray();
        Assert.Equal(names.Length, names.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void The_spellings_are_the_contracts()
    {
        // docs/aidge-api.md: "tops, bottoms or dresses", "male or female", "universal_1, universal_2, universal_3", "children or
        // youngadult", "slim or curvy", "fullbody, halfbody or mixed".
        Assert.Equal(new[] { "tops", "bottoms", "dresses" }, TryOnRules.GarmentSpellings);
        Assert.Equal(
            new[] { "male female", "universal_1 universal_2 universal_3", "children youngadult", "slim curvy", "fullbody halfbody mixed" },
            TryOnRules.Traits.Where(trait => trait.Kind == TraitKind.Choice).Select(trait => string.Join(" ", trait.Spellings!)));
        Assert.Equal(
            new[] { "model.base", "model.name", "model.gender", "model.style", "model.age", "model.body", "viewType", "inputQualityDetect", "generateCount" },
            TryOnRules.Traits.Where(trait => trait.WireName is not null).Select(trait => (trait.InModel ? "model." : string.Empty) + trait.WireName));
    }
}
