package dev.kaiwa.call;

/** Call statistics that count what the services report instead of publishing metrics. */
public final class FakeCallStatistics extends CallStatistics {
    private int callsCreated;
    private int refreshes;

    @Override
    public void callCreated() {
        callsCreated++;
    }

    @Override
    public void refresh() {
        refreshes++;
    }

    public int callsCreated() {
        return callsCreated;
    }

    public int refreshes() {
        return refreshes;
    }
}
