using System;
using System.Collections.Generic;
using System.Text;

namespace Aidge.Declarative
{
    /// <summary>
    /// A request broke the API's rules and was not sent: nothing left the process. <see cref="Problems"/>
    /// lists every problem, each with the rule id the analyzer reports at compile time.
    /// </summary>
    public sealed class TryOnValidationException : Exception
    {
        /// <summary>Creates the exception for the problems found.</summary>
        public TryOnValidationException(IReadOnlyList<TryOnProblem> problems)
            : base(Describe(problems))
        {
            Problems = problems;
        }

        /// <summary>Every problem found, in request order.</summary>
        public IReadOnlyList<TryOnProblem> Problems { get; }

        private static string Describe(IReadOnlyList<TryOnProblem> problems)
        {
            if (problems is null)
            {
                throw new ArgumentNullException(nameof(problems));
            }

            var text = new StringBuilder("The try-on request breaks the Aidge API's rules and was not sent (")
                .Append(problems.Count).Append(problems.Count == 1 ? " problem):" : " problems):");
            foreach (TryOnProblem problem in problems)
            {
                text.AppendLine().Append("  ").Append(problem);
            }

            return text.ToString();
        }
    }
}
