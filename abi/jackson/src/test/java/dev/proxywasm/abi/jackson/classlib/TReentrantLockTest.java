package dev.proxywasm.abi.jackson.classlib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxywasm.abi.jackson.classlib.java.util.concurrent.locks.TReentrantLock;
import org.junit.jupiter.api.Test;

class TReentrantLockTest {
    @Test
    void countsHoldsLikeAReentrantLock() {
        TReentrantLock lock = new TReentrantLock();
        lock.lock();
        assertTrue(lock.tryLock());
        assertEquals(2, lock.getHoldCount());
        lock.unlock();
        assertTrue(lock.isLocked());
        lock.unlock();
        assertFalse(lock.isHeldByCurrentThread());
    }

    @Test
    void unlockingAnUnlockedLockFailsAsOnTheJvm() {
        assertThrows(IllegalMonitorStateException.class, () -> new TReentrantLock().unlock());
    }
}
