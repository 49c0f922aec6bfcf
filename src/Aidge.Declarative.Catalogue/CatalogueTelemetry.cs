using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Aidge.Declarative.Catalogue
{
    /// <summary>
    /// The run's metrics, on a meter named <see cref="AidgeTelemetry.SourceName"/> like the client's, so that the one
    /// <c>AddMeter(AidgeTelemetry.SourceName)</c> collects both. No activity spans a run: a night's catalogue as one trace of
    /// a hundred thousand calls helps no one; each call keeps its own activity, under whatever the caller has current.
    /// </summary>
    internal static class CatalogueTelemetry
    {
        private static readonly Meter Meter = new(AidgeTelemetry.SourceName, typeof(CatalogueTelemetry).Assembly.GetName().Version?.ToString());

        /// <summary>Looks held by running catalogues, from read to ended: waiting for the budget, or polled.</summary>
        public static readonly UpDownCounter<int> LooksInFlight = Meter.CreateUpDownCounter<int>(
            "aidge.catalogue.looks.in_flight", "{look}", "Looks held by running catalogues, from read to ended.");

        /// <summary>Looks that ended, by state, and whether the ledger already had them.</summary>
        public static readonly Counter<int> LooksEnded = Meter.CreateCounter<int>(
            "aidge.catalogue.looks.ended", "{look}", "Looks that ended, by aidge.look.state and aidge.look.from_ledger.");

        public static void Ended(TryOnLookState state, bool fromLedger)
        {
            if (LooksEnded.Enabled)
            {
                LooksEnded.Add(1, new TagList
                {
                    { "aidge.look.state", state switch { TryOnLookState.Finished => "finished", TryOnLookState.Failed => "failed", TryOnLookState.StillRunning => "still_running", _ => "in_doubt" } },
                    { "aidge.look.from_ledger", fromLedger },
                });
            }
        }
    }
}
