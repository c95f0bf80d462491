package dev.vexil.core.insights;

import java.time.Clock;

/** Write-through (the local stack's policy), the buffer is invisible: the whole store contract holds. */
class WriteThroughBufferedInsightsStoreTest extends InsightsStoreContract {
    @Override
    protected InsightsStore newStore() {
        return new BufferedInsightsStore(new InMemoryInsightsStore(), BufferedInsightsStore.Policy.writeThrough(),
                Clock.systemUTC());
    }
}
