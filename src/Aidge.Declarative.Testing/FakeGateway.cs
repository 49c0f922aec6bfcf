using System;
using System.Globalization;
using Aidge.Declarative.Client;
using Aidge.Declarative.Client.Wire;

namespace Aidge.Declarative.Testing
{
    /// <summary>
    /// The gateway's checks of a call, before the API sees it: the IOP v2 parameters, the access key, the
    /// timestamp's age, the signature and the trial header. <c>IncompleteSignature</c> and <c>NoResource</c> are the
    /// contract's; the other codes and messages are those the gateways of the same family answer, or guesses in their style.
    /// </summary>
    internal static class FakeGateway
    {
        /// <summary>Who the gateway says is at fault: the caller.</summary>
        public const string CallerFault = "ISV";

        /// <summary>The contract's words for a bad signature.</summary>
        public const string BadSignature = "The request signature does not conform to platform standards";

        /// <summary>The refusal of an access key the gateway does not know, as the gateways of the family word it.</summary>
        public static (string Code, string Message) BadKey => ("InvalidAppKey", "The specified App Key is invalid");

        /// <summary>The refusal of a timestamp too far from the gateway's clock, in the family's words.</summary>
        public static (string Code, string Message) ExpiredTimestamp => ("IllegalTimestamp", "The timestamp is invalid or expired");

        /// <summary>The refusal of a submit that the account's quota cannot pay for.</summary>
        public static (string Code, string Message) NoResource => (AidgeResCodes.NoResourceGatewayCode, "The API has no calling resources left for this account.");

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
                return BadKey;
            }

            string timestamp = entry.Query[IopSignature.TimestampParameter];
            if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out long milliseconds) ||
                (now - DateTimeOffset.FromUnixTimeMilliseconds(Math.Max(0, milliseconds))).Duration() > options.TimestampTolerance)
            {
                return (ExpiredTimestamp.Code, ExpiredTimestamp.Message + ": unix milliseconds within " + options.TimestampTolerance + " of the server's clock");
            }

            return IopSignature.Matches(IopSignature.Compute(secret, timestamp), entry.Query[IopSignature.SignParameter])
                ? null
                : ("IncompleteSignature", BadSignature);
        }
    }
}
