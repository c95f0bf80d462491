package dev.vexil.core.insights;

class InMemoryInsightsStoreTest extends InsightsStoreContract {
    @Override
    protected InsightsStore newStore() {
        return new InMemoryInsightsStore();
    }
}
