using System;
using System.Threading;
using System.Threading.Tasks;
using Aidge.Declarative.Catalogue;
using Xunit;

namespace Aidge.Declarative.Tests.Catalogue
{
    /// <summary>The in-process pacer's own rules, on the system clock (its limiters run on it).</summary>
    public sealed class SubmitPacerTests
    {
        [Fact]
        public async Task A_limit_a_501_lowered_is_probed_back_up_to_the_keys_budget_while_demand_holds_it_at_the_limit()
        {
            using var pacer = new SubmitPacer(TimeSpan.FromMilliseconds(300), 4, 10);
            await BudgetRules.LoweredThenProbedBackAsync(pacer, 4);
        }

        [Fact]
        public async Task A_limit_a_501_lowered_is_probed_back_up_even_when_answers_fall_on_either_side_of_a_windows_end()
        {
            using var pacer = new SubmitPacer(TimeSpan.FromMilliseconds(300), 4, 10);
            await BudgetRules.LoweredThenProbedBackAsync(pacer, 4, callers: 3, answeredWithin: TimeSpan.FromMilliseconds(150));
        }
    }
}
