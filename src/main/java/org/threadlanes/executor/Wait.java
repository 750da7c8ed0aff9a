package org.threadlanes.executor;

import org.threadlanes.trace.BlockReason;
import org.threadlanes.trace.ThreadRef;

/**
 * What a blocked thread waits on right now, with the live resource itself, so an analysis can follow it (a
 * {@link TracedLock}'s owner, a future's task) at the moment it looks.
 *
 * @param thread   the waiting thread
 * @param reason   why it waits
 * @param resource the lock, condition, future, queue or thread waited on; {@code null} for sleep and I/O
 * @param detail   the same in words, as on the lane
 * @param peer     owner thread (LOCK, JOIN) or awaited task (FUTURE), else 0
 * @param timed    whether the wait ends by itself (sleep, timed get): such a wait cannot be part of a deadlock
 */
public record Wait(ThreadRef thread, BlockReason reason, Object resource, String detail, long peer, boolean timed) {
}
