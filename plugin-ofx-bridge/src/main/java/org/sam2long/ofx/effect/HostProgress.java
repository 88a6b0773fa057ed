package org.sam2long.ofx.effect;

import org.sam2long.ofx.bindings.ProgressSuite;
import org.sam2long.ofx.bindings.Suites;
import org.sam2long.ofx.track.TrackListener;

/** The host's progress bar for a track; the host's cancel button answers false. Silent without the suite. */
final class HostProgress implements TrackListener {
    private final ProgressSuite suite;
    private final long effect;
    private boolean started;

    HostProgress(Suites suites, long effect) {
        this.suite = suites.progress().orElse(null);
        this.effect = effect;
    }

    void start(String label) {
        started = suite != null && suite.start(effect, label, "sam2long.track");
    }

    @Override
    public boolean progress(int done, int total) {
        return !started || suite.update(effect, total == 0 ? 1 : (double) done / total);
    }

    void end() {
        if (started) {
            suite.end(effect);
            started = false;
        }
    }
}
