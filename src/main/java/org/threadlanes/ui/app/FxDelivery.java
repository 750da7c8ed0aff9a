package org.threadlanes.ui.app;

import java.util.List;
import java.util.function.Consumer;

import org.threadlanes.trace.Event;
import org.threadlanes.trace.RecorderListener;
import org.threadlanes.ui.FxBridge;

/** The app's {@link Delivery}: events through an {@link FxBridge} per run, one-off actions through its post. */
public final class FxDelivery implements Delivery {

    @Override
    public Pipe open(Consumer<List<Event>> sink) {
        FxBridge bridge = new FxBridge(sink);
        return new Pipe() {
            @Override
            public RecorderListener listener() {
                return bridge.listener();
            }

            @Override
            public void close() {
                bridge.close();
            }
        };
    }

    @Override
    public void post(Runnable action) {
        FxBridge.post(action);
    }
}
