using System;
using System.Collections.Generic;

namespace Aidge.Declarative
{
    /// <summary>Refuses invalid requests before anything is sent.</summary>
    public static class TryOnValidation
    {
        /// <summary>Throws when the request breaks a rule, listing every problem.</summary>
        /// <exception cref="TryOnValidationException">The request is invalid.</exception>
        public static void ThrowIfInvalid<TRequest>(TRequest request)
            where TRequest : ITryOnRequest
        {
            if (Guard.IsNull(request))
            {
                throw new ArgumentNullException(nameof(request));
            }

            IReadOnlyList<TryOnProblem> problems = request.Validate();
            if (problems.Count != 0)
            {
                throw new TryOnValidationException(problems);
            }
        }

        /// <summary>
        /// Throws when any request of a batch breaks a rule, listing every problem of every request; each
        /// problem of a batch of several names its request's index.
        /// </summary>
        /// <exception cref="TryOnValidationException">A request is invalid.</exception>
        public static void ThrowIfInvalid<TRequest>(IReadOnlyList<TRequest> requests)
            where TRequest : ITryOnRequest
        {
            Guard.NotNull(requests, nameof(requests));

            List<TryOnProblem>? all = null;
            for (int i = 0; i < requests.Count; i++)
            {
                TRequest request = requests[i];
                if (Guard.IsNull(request))
                {
                    throw new ArgumentException("The request at index " + i + " is null.", nameof(requests));
                }
                foreach (TryOnProblem problem in request.Validate())
                {
                    all ??= new List<TryOnProblem>();
                    all.Add(requests.Count == 1
                        ? problem
                        : new TryOnProblem(problem.RuleId, problem.Member, "Request " + i + ": " + problem.Message));
                }
            }

            if (all is not null)
            {
                throw new TryOnValidationException(all);
            }
        }
    }
}
