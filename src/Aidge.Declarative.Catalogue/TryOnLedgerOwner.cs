using System;

namespace Aidge.Declarative.Catalogue
{
    /// <summary>
    /// Whose a ledger is: the service its tasks were made at and the access key they were made under (its name, never the
    /// secret). A task id means something only to the service and account that made it, so a ledger filled under one owner is
    /// refused under another rather than replayed: its pictures would be another service's, its task ids another account's.
    /// </summary>
    public sealed class TryOnLedgerOwner : IEquatable<TryOnLedgerOwner>
    {
        /// <summary>An owner.</summary>
        /// <param name="serviceName">The service, as <see cref="TryOnClient.ServiceName"/> names it (<c>https://api.aidc-ai.com</c>).</param>
        /// <param name="accessKey">The access key's name, as <see cref="TryOnClient.AccessKey"/> gives it.</param>
        /// <exception cref="ArgumentException">Either is empty, or holds a control character.</exception>
        public TryOnLedgerOwner(string serviceName, string accessKey)
        {
            ServiceName = Check(serviceName, nameof(serviceName));
            AccessKey = Check(accessKey, nameof(accessKey));
        }

        /// <summary>The service the ledger's tasks were made at.</summary>
        public string ServiceName { get; }

        /// <summary>The access key (its name) the ledger's tasks were made under.</summary>
        public string AccessKey { get; }

        /// <summary>
        /// Whether the service is a fake server of <c>Aidge.Declarative.Testing</c> (its name starts <c>fake-aidge:</c>): its tasks and pictures
        /// are not the service's, so a ledger of one is never adopted by a real service, nor one of a real service by a fake.
        /// </summary>
        public bool IsFakeServer => ServiceName.StartsWith(FakeServerPrefix, StringComparison.Ordinal);

        internal const string FakeServerPrefix = "fake-aidge:";

        /// <summary>
        /// Decides whether a session of <paramref name="owner"/> may take a ledger recorded as <paramref name="recorded"/>'s, as every ledger
        /// decides it: true when <paramref name="owner"/> is to be recorded (a new ledger, or one taken over as asked), false when the ledger
        /// is the owner's already.
        /// </summary>
        /// <param name="ledger">The ledger, as messages name it.</param>
        /// <param name="recorded">Whose the ledger is; null for a new one.</param>
        /// <param name="owner">Who asks for it.</param>
        /// <param name="adoptFrom">The owner it is to be taken over from, when it is.</param>
        /// <exception cref="TryOnLedgerOwnerException">The ledger is another's and is not to be taken over (or cannot be: a fake server's for a real service, or the other way).</exception>
        public static bool Admit(string ledger, TryOnLedgerOwner? recorded, TryOnLedgerOwner owner, TryOnLedgerOwner? adoptFrom)
        {
            if (owner is null)
            {
                throw new ArgumentNullException(nameof(owner));
            }

            if (recorded is null)
            {
                return true;
            }

            if (recorded.Equals(owner))
            {
                return false;
            }

            if (adoptFrom is null)
            {
                throw new TryOnLedgerOwnerException(ledger, recorded, owner);
            }

            if (!recorded.Equals(adoptFrom))
            {
                throw new TryOnLedgerOwnerException(
                    ledger,
                    recorded,
                    owner,
                    "The ledger " + ledger + " belongs to " + recorded + ", not to " + adoptFrom + ", the owner named to take it over from: nothing was taken over.");
            }

            if (recorded.IsFakeServer != owner.IsFakeServer)
            {
                throw new TryOnLedgerOwnerException(
                    ledger,
                    recorded,
                    owner,
                    "The ledger " + ledger + " belongs to " + recorded + " and this run calls with " + owner + ": " + (recorded.IsFakeServer ? "a fake server's" : "a real service's") +
                    " tasks and pictures are not " + (recorded.IsFakeServer ? "the service's" : "a fake's") + ", so it cannot be taken over. Give this run another ledger.");
            }

            return true;
        }

        /// <summary>The owner of what <paramref name="client"/> submits: its service and its access key.</summary>
        public static TryOnLedgerOwner Of(TryOnClient client)
        {
            if (client is null)
            {
                throw new ArgumentNullException(nameof(client));
            }

            return new TryOnLedgerOwner(client.ServiceName, client.AccessKey);
        }

        /// <inheritdoc/>
        public bool Equals(TryOnLedgerOwner? other) =>
            other is not null && string.Equals(ServiceName, other.ServiceName, StringComparison.Ordinal) && string.Equals(AccessKey, other.AccessKey, StringComparison.Ordinal);

        /// <inheritdoc/>
        public override bool Equals(object? obj) => Equals(obj as TryOnLedgerOwner);

        /// <inheritdoc/>
        public override int GetHashCode() => (StringComparer.Ordinal.GetHashCode(ServiceName) * 31) ^ StringComparer.Ordinal.GetHashCode(AccessKey);

        /// <summary>"access key K at S": how messages name an owner.</summary>
        public override string ToString() => "access key " + AccessKey + " at " + ServiceName;

        private static string Check(string value, string parameter)
        {
            if (value is null)
            {
                throw new ArgumentNullException(parameter);
            }

            if (value.Length == 0 || value.Length > 1024)
            {
                throw new ArgumentException("A ledger owner's " + parameter + " is 1 to 1024 characters; this one has " + value.Length + ".", parameter);
            }

            foreach (char c in value)
            {
                if (char.IsControl(c))
                {
                    throw new ArgumentException("A ledger owner's " + parameter + " holds a control character.", parameter);
                }
            }

            return value;
        }
    }
}
