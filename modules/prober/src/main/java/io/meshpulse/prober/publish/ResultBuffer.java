package io.meshpulse.prober.publish;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A bounded buffer of results waiting to be published. When full, the oldest result gives way
 * to the newest (a fresh check says more than a stale one) and the loss is counted. Records the
 * producer could not deliver go back to the front, being the oldest; into a full buffer, they are
 * the ones dropped.
 */
final class ResultBuffer<T> {

  private final int capacity;
  private final Deque<T> items = new ArrayDeque<>();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition notEmpty = lock.newCondition();
  private long dropped;

  ResultBuffer(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("buffer capacity must be at least 1, got " + capacity);
    }
    this.capacity = capacity;
  }

  /** Adds at the back; returns false when the oldest item was dropped to make room. */
  boolean add(T item) {
    return insert(item, false);
  }

  /** Puts back at the front an item that could not be delivered. */
  boolean putBack(T item) {
    return insert(item, true);
  }

  T take(long timeout, TimeUnit unit) throws InterruptedException {
    lock.lock();
    try {
      long nanos = unit.toNanos(timeout);
      while (items.isEmpty()) {
        if (nanos <= 0) {
          return null;
        }
        nanos = notEmpty.awaitNanos(nanos);
      }
      return items.pollFirst();
    } finally {
      lock.unlock();
    }
  }

  int size() {
    lock.lock();
    try {
      return items.size();
    } finally {
      lock.unlock();
    }
  }

  long dropped() {
    lock.lock();
    try {
      return dropped;
    } finally {
      lock.unlock();
    }
  }

  private boolean insert(T item, boolean atFront) {
    lock.lock();
    try {
      if (items.size() >= capacity) {
        dropped++;
        if (atFront) {
          return false; // an item put back is older than all that wait: it is the one to give way
        }
        items.pollFirst();
        items.addLast(item);
        return false;
      }
      if (atFront) {
        items.addFirst(item);
      } else {
        items.addLast(item);
      }
      notEmpty.signal();
      return true;
    } finally {
      lock.unlock();
    }
  }
}
