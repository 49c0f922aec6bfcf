using System;
using System.Globalization;
using Aidge.Declarative.Client;
using Aidge.Declarative.Client.Wire;

namespace Aidge.Declarative.Testing
{
    /// <summary>
    /// The gateway's checks of a call, before the API sees it: the IOP v2 parameters, the access key, the
    /// timestamp's age, the signature and the trial header. The error codes and messages are guesses in the
    /// gateway's style (the vendor documents the signature, not how the gateway words a refusal).
    /// </summary>
    internal static class FakeGateway
    {
        /// <summary>The refusal, in the order the checks are made; null when the call passes.</summary>
        public static (string Code, string Message)? Check(FakeAidgeRequest entry, FakeAidgeServerOptions options, DateTimeOffset now)
        {
            foreach (string name in IopSignature.Parameters)
            {
                if (!entry.Query.ContainsKey(name))
                {
                    return ("MissingParameter", "The query parameter " + name + " is missing.");
                }
            }

            if (entry.Query[IopSignature.PartnerIdParameter] != IopSignature.PartnerId || entry.Query[IopSignature.SignMethodParameter] != IopSignature.SignMethod ||
                entry.Query[IopSignature.SignVersionParameter] != IopSignature.SignVersion)
            {
                return ("InvalidParameter", "partner_id, sign_method and sign_ver must be aidge, sha256 and v2.");
            }

            // The vendor's Python sample always sends the header, "true" or "false"; its Java and Go samples send
            // it only when true. Any other value is refused here: a guess, since the vendor does not say.
            if (entry.TrialHeader is { } trial && !string.Equals(trial, "true", StringComparison.OrdinalIgnoreCase) && !string.Equals(trial, "false", StringComparison.OrdinalIgnoreCase))
            {
                return ("InvalidParameter", "The header " + WireNames.TrialHeader + " must be true or false.");
            }

            if (!options.Keys.TryGetValue(entry.Query[IopSignature.AppKeyParameter], out string? secret))
            {
                return ("InvalidAppKey", "The app_key is not known.");
            }

            string timestamp = entry.Query[IopSignature.TimestampParameter];
            if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out long milliseconds) ||
                (now - DateTimeOffset.FromUnixTimeMilliseconds(Math.Max(0, milliseconds))).Duration() > options.TimestampTolerance)
            {
                return ("InvalidTimestamp", "The timestamp is not unix milliseconds within " + options.TimestampTolerance + " of the server's clock.");
            }

            return IopSignature.Matches(IopSignature.Compute(secret, timestamp), entry.Query[IopSignature.SignParameter])
                ? null
                : ("IncompleteSignature", "The request signature does not conform to platform standards.");
        }
    }
}
