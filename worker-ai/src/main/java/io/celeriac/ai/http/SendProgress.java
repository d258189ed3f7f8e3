package io.celeriac.ai.http;

import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.Call;
import okhttp3.EventListener;

/**
 * Whether a request began to be written to the provider: a failure before that is "not sent"
 * (safe to send again), after it "outcome unknown". Attached to a request as its tag; the client's
 * {@link #FACTORY} listens to the calls that carry one.
 */
final class SendProgress {
    private final AtomicBoolean written = new AtomicBoolean();

    boolean written() {
        return written.get();
    }

    static final EventListener.Factory FACTORY = call -> {
        SendProgress progress = call.request().tag(SendProgress.class);
        if (progress == null) {
            return EventListener.NONE;
        }
        return new EventListener() {
            @Override
            public void requestHeadersStart(Call c) {
                progress.written.set(true);
            }
        };
    };
}
