using System;

namespace Aidge.Declarative
{
    /// <summary>One broken API rule found in a request before it was sent.</summary>
    public sealed class TryOnProblem
    {
        /// <summary>Creates a problem.</summary>
        public TryOnProblem(string ruleId, string? member, string message)
        {
            RuleId = ruleId ?? throw new ArgumentNullException(nameof(ruleId));
            Member = member;
            Message = message ?? throw new ArgumentNullException(nameof(message));
        }

        /// <summary>The rule's id, the same one the analyzer reports at compile time (<c>AIDGE001</c>, ...).</summary>
        public string RuleId { get; }

        /// <summary>The member that breaks the rule, or null when the request as a whole does.</summary>
        public string? Member { get; }

        /// <summary>What is wrong and what is allowed.</summary>
        public string Message { get; }

        /// <summary>The id and the message: <c>AIDGE003: The request holds 12 model images, ...</c>.</summary>
        public override string ToString() => RuleId + ": " + Message;
    }
}
