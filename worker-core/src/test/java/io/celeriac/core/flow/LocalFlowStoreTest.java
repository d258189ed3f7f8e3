package io.celeriac.core.flow;

/** The in-process store keeps the contract of the Redis one. */
class LocalFlowStoreTest extends FlowStoreContract {
    @Override
    FlowStore store() {
        return new LocalFlowStore();
    }
}
