package org.parsimonylab.session;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Hands items from producer threads to a consumer through an executor (the app passes its pulse executor, which runs
 * tasks on the FX thread at the next pulse; tests a direct executor) with at most one task pending at any time: items
 * offered while a delivery is pending join its batch instead of scheduling another task, so a fast producer cannot
 * flood the UI thread (DESIGN.md §3).
 *
 * <p>The batch is bounded: if the consumer falls behind by more than {@code maxPending} items the oldest are
 * dropped, because the newest state matters most and memory must stay bounded.
 *
 * @param <T> the item type (immutable)
 */
public final class CoalescingHandoff<T> {
    private final Executor executor;
    private final Consumer<List<T>> consumer;
    private final int maxPending;
    private final Object lock = new Object();
    private ArrayList<T> pending = new ArrayList<>();
    private boolean scheduled;
    private long dropped;
    private long deliveries;

    /** A hand-off that delivers batches to {@code consumer} by tasks run on {@code executor}. */
    public CoalescingHandoff(Executor executor, Consumer<List<T>> consumer, int maxPending) {
        if (maxPending < 1) {
            throw new IllegalArgumentException("maxPending must be >= 1 (got " + maxPending + ")");
        }
        this.executor = executor;
        this.consumer = consumer;
        this.maxPending = maxPending;
    }

    /** Adds {@code item} to the pending batch and schedules a delivery unless one is already pending. */
    public void offer(T item) {
        boolean schedule;
        synchronized (lock) {
            if (pending.size() >= maxPending) {
                pending.remove(0);
                dropped++;
            }
            pending.add(item);
            schedule = !scheduled;
            scheduled = true;
        }
        // Outside the lock: a direct executor runs the delivery right here, and the consumer may offer again.
        if (schedule) {
            executor.execute(this::deliver);
        }
    }

    private void deliver() {
        List<T> batch;
        synchronized (lock) {
            batch = pending;
            pending = new ArrayList<>();
            scheduled = false;
            deliveries++;
        }
        if (!batch.isEmpty()) {
            consumer.accept(List.copyOf(batch));
        }
    }

    /** Whether a delivery task is scheduled and has not run yet. */
    public boolean isScheduled() {
        synchronized (lock) {
            return scheduled;
        }
    }

    /** How many items were dropped because the consumer fell behind. */
    public long dropped() {
        synchronized (lock) {
            return dropped;
        }
    }

    /** How many delivery tasks have run. */
    public long deliveries() {
        synchronized (lock) {
            return deliveries;
        }
    }
}
