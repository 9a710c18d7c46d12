package dev.proxywasm.abi.jackson.classlib.java.util.concurrent.locks;

/**
 * {@code java.util.concurrent.locks.ReentrantLock} for TeaVM, whose class library lacks it
 * (jackson-core's {@code InternCache} and {@code ThreadLocalBufferManager} guard their state with
 * one). A Wasm instance runs a single thread, which therefore always owns the lock: only the hold
 * count is tracked, so that unbalanced {@code unlock} calls still fail as on the JVM.
 */
public class TReentrantLock {
    private int holdCount;

    /** Creates an unlocked lock. */
    public TReentrantLock() {
    }

    /**
     * Kept for source compatibility: with one thread there is no queue to be fair about.
     *
     * @param fair ignored
     */
    public TReentrantLock(boolean fair) {
    }

    /** Acquires the lock; never blocks, as no other thread can hold it. */
    public void lock() {
        holdCount++;
    }

    /**
     * Acquires the lock.
     *
     * @return always {@code true}
     */
    public boolean tryLock() {
        holdCount++;
        return true;
    }

    /**
     * Releases one hold of the lock.
     *
     * @throws IllegalMonitorStateException if the lock is not held
     */
    public void unlock() {
        if (holdCount == 0) {
            throw new IllegalMonitorStateException("ReentrantLock is not locked");
        }
        holdCount--;
    }

    /** @return how many times the lock is held */
    public int getHoldCount() {
        return holdCount;
    }

    /** @return whether the lock is held */
    public boolean isLocked() {
        return holdCount > 0;
    }

    /** @return whether the (only) thread holds the lock */
    public boolean isHeldByCurrentThread() {
        return holdCount > 0;
    }

    @Override
    public String toString() {
        return super.toString() + (holdCount > 0 ? "[Locked by thread main]" : "[Unlocked]");
    }
}
