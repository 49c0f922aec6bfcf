using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Aidge.Declarative.Benchmarks;

/// <summary>How every published figure is given: the median of several measurements, with the lowest and the highest.</summary>
internal static class Spread
{
    public static double Median(IReadOnlyList<double> values)
    {
        double[] sorted = values.OrderBy(v => v).ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>The median and the range, as <c>1.23x [1.01-1.45]</c>: each number in <paramref name="format"/>, then <paramref name="unit"/>.</summary>
    public static string Describe(IReadOnlyList<double> values, string unit, string format) =>
        Median(values).ToString(format, CultureInfo.InvariantCulture) + unit + " [" + values.Min().ToString(format, CultureInfo.InvariantCulture) + "-" +
        values.Max().ToString(format, CultureInfo.InvariantCulture) + "]";
}
