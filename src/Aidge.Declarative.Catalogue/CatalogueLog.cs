using System;
using Microsoft.Extensions.Logging;

namespace Aidge.Declarative.Catalogue
{
    // The run's log lines, defined once. Keys are the caller's; no secret reaches a catalogue log line.
    internal static class CatalogueLog
    {
        public static readonly Action<ILogger, string, string, Exception?> InDoubt = LoggerMessage.Define<string, string>(
            LogLevel.Warning, new EventId(1, "LookInDoubt"), "The look {Key} is in doubt: {Reason}");

        public static readonly Action<ILogger, int, TimeSpan, Exception?> RateLimited = LoggerMessage.Define<int, TimeSpan>(
            LogLevel.Information, new EventId(2, "RateLimited"), "A submit was answered 501 (rate limit); now {Limit} submits per {Window}");

        public static readonly Action<ILogger, string, AidgeErrorKind, int, Exception?> Refused = LoggerMessage.Define<string, AidgeErrorKind, int>(
            LogLevel.Information, new EventId(3, "LookRefused"), "The service refused the look {Key}: {Kind} {ResCode}");

        public static readonly Action<ILogger, string, string, Exception?> QueryFailed = LoggerMessage.Define<string, string>(
            LogLevel.Warning, new EventId(4, "QueryFailed"), "Asking about the look {Key} (task {TaskId}) failed; it is asked again later");

        public static readonly Action<ILogger, string, Exception?> Resubmitting = LoggerMessage.Define<string>(
            LogLevel.Warning, new EventId(5, "ResubmittingInDoubt"), "The look {Key} is in doubt and is submitted again, as asked: it may be paid for twice");

        public static readonly Action<ILogger, string, string, int, Exception?> WriteRetried = LoggerMessage.Define<string, string, int>(
            LogLevel.Warning, new EventId(6, "LedgerWriteRetried"), "Recording {What} for the look {Key} failed (attempt {Attempt}); it is tried again");

        public static readonly Action<ILogger, string, Exception?> ForgetFailed = LoggerMessage.Define<string>(
            LogLevel.Error, new EventId(7, "LedgerForgetFailed"),
            "The look {Key} was not sent, but the ledger could not record that: the next run will report it in doubt, and resubmitting it (ResubmitInDoubtKeys) is safe");

        public static readonly Action<ILogger, string, string, Exception?> TaskIdNotRecorded = LoggerMessage.Define<string, string>(
            LogLevel.Critical, new EventId(8, "TaskIdNotRecorded"),
            "The look {Key} was paid for and made the task {TaskId}, but the ledger could not record it: attach the task id to the look (AttachTaskIdAsync) rather than resubmit it");

        public static readonly Action<ILogger, string, string, Exception?> EndNotRecorded = LoggerMessage.Define<string, string>(
            LogLevel.Error, new EventId(9, "LedgerEndNotRecorded"),
            "The task {TaskId} of the look {Key} ended, but the ledger could not record its end; the ledger still holds the task id, and the next run asks about it again");

        public static readonly Action<ILogger, string, long, Exception?> ClaimLost = LoggerMessage.Define<string, long>(
            LogLevel.Warning, new EventId(10, "LedgerClaimLost"), "The claim on the look {Key} (fence {Fence}) is another run's now: this run looks at it again");

        public static readonly Action<ILogger, string, long, Exception?> SubmitRefused = LoggerMessage.Define<string, long>(
            LogLevel.Warning, new EventId(11, "LedgerSubmitRefused"),
            "The ledger refused to record the submit of the look {Key}: the claim (fence {Fence}) ran out or is another run's, so nothing was sent");

        public static readonly Action<ILogger, string, string, string, Exception?> AnswerReplaced = LoggerMessage.Define<string, string, string>(
            LogLevel.Critical, new EventId(12, "LedgerAnswerReplaced"),
            "The look {Key} was submitted again by another run while this run's submit was on its way; this submit's answer ({State}, task {TaskId}) has no row to go to");

        public static readonly Action<ILogger, string, Exception?> ReleaseFailed = LoggerMessage.Define<string>(
            LogLevel.Information, new EventId(13, "LedgerReleaseFailed"), "The claim on the look {Key} could not be let go: another run can take it when its lease runs out");

        public static readonly Action<ILogger, TryOnCatalogueBalance, Exception?> Balance = LoggerMessage.Define<TryOnCatalogueBalance>(
            LogLevel.Information, new EventId(14, "Balance"), "Aidge quota: {Balance}");

        public static readonly Action<ILogger, TryOnCatalogueBalance, Exception?> BalanceShort = LoggerMessage.Define<TryOnCatalogueBalance>(
            LogLevel.Warning, new EventId(15, "BalanceShort"),
            "Aidge quota: {Balance}; it may not pay for the whole catalogue, and the run halts when the gateway refuses a submit for want of quota");

        public static readonly Action<ILogger, string, Exception?> BalanceStop = LoggerMessage.Define<string>(
            LogLevel.Error, new EventId(16, "BalanceStop"), "{Reason}");

        public static readonly Action<ILogger, string, int, string, Exception?> PictureNotSaved = LoggerMessage.Define<string, int, string>(
            LogLevel.Warning, new EventId(17, "PictureNotSaved"), "The look {Key}'s picture {Number} was not saved: {Problem}. The look is finished; the next run fetches it again while its URL lasts");

        public static readonly Action<ILogger, string, int, string, string, Exception?> PictureNoLongerSaved = LoggerMessage.Define<string, int, string, string>(
            LogLevel.Warning, new EventId(18, "PictureNoLongerSaved"), "The look {Key}'s picture {Number}, saved as {Location}, is no longer in {Store} as it was recorded (missing, or its length or SHA-256 changed): fetched again");
    }
}
