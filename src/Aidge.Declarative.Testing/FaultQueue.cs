using System.Collections.Generic;

namespace Aidge.Declarative.Testing
{
    /// <summary>The faults injected and not used up yet (of the API's calls, or of picture fetches), taken in the order they were injected.</summary>
    internal sealed class FaultQueue<TFault>
        where TFault : class
    {
        private readonly List<(FakeAidgeApi Api, TFault Fault, int Remaining)> _faults = new();

        /// <summary>Applies a fault to the next <paramref name="times"/> calls of a kind (<see cref="int.MaxValue"/>: to all).</summary>
        public void Add(TFault fault, FakeAidgeApi api, int times)
        {
            lock (_faults)
            {
                _faults.Add((api, fault, times));
            }
        }

        public void Clear()
        {
            lock (_faults)
            {
                _faults.Clear();
            }
        }

        /// <summary>The first fault that applies to a call of this kind, used up once; null for none.</summary>
        public TFault? Take(FakeAidgeApi api)
        {
            lock (_faults)
            {
                for (int i = 0; i < _faults.Count; i++)
                {
                    (FakeAidgeApi target, TFault fault, int remaining) = _faults[i];
                    if (target != FakeAidgeApi.Any && target != api)
                    {
                        continue;
                    }

                    if (remaining == 1)
                    {
                        _faults.RemoveAt(i);
                    }
                    else if (remaining != int.MaxValue)
                    {
                        _faults[i] = (target, fault, remaining - 1);
                    }

                    return fault;
                }

                return null;
            }
        }
    }
}
