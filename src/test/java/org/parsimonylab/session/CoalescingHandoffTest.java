package org.parsimonylab.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one coalescing hand-off of DESIGN.md §3: at most one pending task, batches in order, bounded. */
class CoalescingHandoffTest {
    /** An executor that only queues tasks, so the test decides when the "UI thread" runs them. */
    private static final class ManualExecutor implements java.util.concurrent.Executor {
        final List<Runnable> tasks = new ArrayList<>();

        @Override
        public void execute(Runnable command) {
            tasks.add(command);
        }

        void runAll() {
            List<Runnable> now = new ArrayList<>(tasks);
            tasks.clear();
            now.forEach(Runnable::run);
        }
    }

    @Test
    void manyOffersWhileATaskIsPendingScheduleOnlyOneTaskAndArriveAsOneBatch() {
        ManualExecutor executor = new ManualExecutor();
        List<List<Integer>> batches = new ArrayList<>();
        CoalescingHandoff<Integer> handoff = new CoalescingHandoff<>(executor, batches::add, 100);
        for (int i = 0; i < 50; i++) {
            handoff.offer(i);
        }
        assertEquals(1, executor.tasks.size(), "one pending task however many offers");
        assertTrue(handoff.isScheduled());
        executor.runAll();
        assertFalse(handoff.isScheduled());
        assertEquals(1, batches.size());
        assertEquals(50, batches.get(0).size());
        assertEquals(0, batches.get(0).get(0));
        assertEquals(49, batches.get(0).get(49));

        handoff.offer(50);
        assertEquals(1, executor.tasks.size(), "after delivery the next offer schedules again");
        executor.runAll();
        assertEquals(List.of(50), batches.get(1));
        assertEquals(2, handoff.deliveries());
    }

    @Test
    void aDirectExecutorDeliversEachOfferAtOnceOnTheCallingThread() {
        List<List<String>> batches = new ArrayList<>();
        Thread caller = Thread.currentThread();
        List<Thread> deliveredOn = new ArrayList<>();
        CoalescingHandoff<String> handoff = new CoalescingHandoff<>(
                Runnable::run,
                b -> {
                    batches.add(b);
                    deliveredOn.add(Thread.currentThread());
                },
                10);
        handoff.offer("a");
        handoff.offer("b");
        assertEquals(List.of(List.of("a"), List.of("b")), batches);
        assertEquals(List.of(caller, caller), deliveredOn);
    }

    @Test
    void aConsumerThatFallsBehindLosesTheOldestItemsNotTheNewest() {
        ManualExecutor executor = new ManualExecutor();
        List<List<Integer>> batches = new ArrayList<>();
        CoalescingHandoff<Integer> handoff = new CoalescingHandoff<>(executor, batches::add, 3);
        for (int i = 0; i < 5; i++) {
            handoff.offer(i);
        }
        executor.runAll();
        assertEquals(List.of(2, 3, 4), batches.get(0));
        assertEquals(2, handoff.dropped());
    }

    @Test
    void aConsumerMayOfferAgainFromInsideTheDelivery() {
        List<Integer> seen = new ArrayList<>();
        CoalescingHandoff<Integer>[] self = new CoalescingHandoff[1];
        self[0] = new CoalescingHandoff<>(
                Runnable::run,
                b -> {
                    seen.addAll(b);
                    if (b.get(0) < 3) {
                        self[0].offer(b.get(0) + 1);
                    }
                },
                10);
        self[0].offer(0);
        assertEquals(List.of(0, 1, 2, 3), seen);
    }

    @Test
    void aNonPositiveBoundIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new CoalescingHandoff<Integer>(Runnable::run, b -> {}, 0));
    }
}
