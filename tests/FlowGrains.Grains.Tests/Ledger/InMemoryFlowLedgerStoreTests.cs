using FlowGrains.Grains.Ledger;
using FlowGrains.Testing.Ledger;

namespace FlowGrains.Grains.Tests.Ledger;

/// <summary>The ledger contract on the in-memory store; every silo of a test shares its one instance, as its data is that instance.</summary>
public sealed class InMemoryFlowLedgerStoreTests : FlowLedgerStoreContract
{
    public InMemoryFlowLedgerStoreTests()
        : this(new InMemoryFlowLedgerStore())
    {
    }

    private InMemoryFlowLedgerStoreTests(InMemoryFlowLedgerStore store)
        : base(() => store)
    {
    }
}
