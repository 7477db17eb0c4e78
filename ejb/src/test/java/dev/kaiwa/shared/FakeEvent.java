package dev.kaiwa.shared;

import static java.util.Objects.requireNonNull;

import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.util.TypeLiteral;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** A CDI event that only remembers what was fired, in order, so a test can check what observers would get. */
public final class FakeEvent<T> implements Event<T> {
    private final List<T> fired = new ArrayList<>();

    @Override
    public void fire(T event) {
        fired.add(requireNonNull(event, "event is null"));
    }

    @Override
    public <U extends T> CompletionStage<U> fireAsync(U event) {
        fire(event);
        return CompletableFuture.completedFuture(event);
    }

    @Override
    public <U extends T> CompletionStage<U> fireAsync(U event, NotificationOptions options) {
        return fireAsync(event);
    }

    @Override
    public Event<T> select(Annotation... qualifiers) {
        throw new AssertionError("the code under test selected a qualified event; Kaiwa fires none");
    }

    @Override
    public <U extends T> Event<U> select(Class<U> subtype, Annotation... qualifiers) {
        throw new AssertionError("the code under test selected a qualified event; Kaiwa fires none");
    }

    @Override
    public <U extends T> Event<U> select(TypeLiteral<U> subtype, Annotation... qualifiers) {
        throw new AssertionError("the code under test selected a qualified event; Kaiwa fires none");
    }

    /** The events fired so far, oldest first. */
    public List<T> fired() {
        return List.copyOf(fired);
    }
}
