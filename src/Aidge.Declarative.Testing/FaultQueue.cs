using System.Collections.Generic;

namespace Aidge.Declarative.Testing
{
    /// <summary>The faults injected and not used up yet, taken in the order they were injected.</summary>
    internal sealed class FaultQueue
    {
        private readonly List<(FakeAidgeApi Api, FakeAidgeFault Fault, int Remaining)> _faults = new();

        /// <summary>Applies a fault to the next <paramref name="times"/> calls of a kind (<see cref="int.MaxValue"/>: to all).</summary>
        public void Add(FakeAidgeFault fault, FakeAidgeApi api, int times)
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
        public FakeAidgeFault? Take(FakeAidgeApi api)
        {
            lock (_faults)
            {
                for (int i = 0; i < _faults.Count; i++)
                {
                    (FakeAidgeApi target, FakeAidgeFault fault, int remaining) = _faults[i];
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
