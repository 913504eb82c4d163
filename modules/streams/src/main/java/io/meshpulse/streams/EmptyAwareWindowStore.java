package io.meshpulse.streams;

import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.TimestampedBytesStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.apache.kafka.streams.state.internals.OffsetCheckpoint;
import org.apache.kafka.streams.state.internals.WrappedStateStore;

/**
 * Kafka Streams' segmented RocksDB window store, which reports the changelog offset of an empty
 * store as unknown instead of missing.
 *
 * <p>Why: since Kafka 4.x a RocksDB store keeps its committed changelog offset inside itself, and
 * a segmented (window) store keeps it in its segments. A task that never saw a check has no
 * segment, so the offset committed on a clean close is written nowhere and, on the next start,
 * {@code committedOffset} is null. Under exactly-once Kafka Streams then takes the task (whose
 * other stores have files) for one that crashed mid-transaction: a WARN, a TaskCorruptedException
 * with stack traces, and every store of the task wiped and restored. A store without data holds
 * no uncommitted writes, so "unknown" (restore from the start of the changelog) is exact for it.
 * A store that has data keeps Kafka's answer, so a real crash is still detected.
 *
 * <p>Extends Kafka's {@link WrappedStateStore} so the store builder and the time-ordered cache
 * still find the time-ordered store inside; marked {@link TimestampedBytesStore} as that store is,
 * so the builder adds no format adapter. Everything else is delegated.
 */
final class EmptyAwareWindowStore extends WrappedStateStore<WindowStore<Bytes, byte[]>, Bytes, byte[]>
    implements WindowStore<Bytes, byte[]>, TimestampedBytesStore {

  EmptyAwareWindowStore(WindowStore<Bytes, byte[]> segmented) {
    super(segmented);
  }

  @Override
  public Long committedOffset(TopicPartition partition) {
    Long committed = wrapped().committedOffset(partition);
    if (committed != null || !isEmpty()) {
      return committed;
    }
    return OffsetCheckpoint.OFFSET_UNKNOWN;
  }

  private boolean isEmpty() {
    try (KeyValueIterator<Windowed<Bytes>, byte[]> all = wrapped().all()) {
      return !all.hasNext();
    }
  }

  @Override
  public void put(Bytes key, byte[] value, long windowStartTimestamp) {
    wrapped().put(key, value, windowStartTimestamp);
  }

  @Override
  public byte[] fetch(Bytes key, long time) {
    return wrapped().fetch(key, time);
  }

  @Override
  public WindowStoreIterator<byte[]> fetch(Bytes key, long timeFrom, long timeTo) {
    return wrapped().fetch(key, timeFrom, timeTo);
  }

  @Override
  public WindowStoreIterator<byte[]> backwardFetch(Bytes key, long timeFrom, long timeTo) {
    return wrapped().backwardFetch(key, timeFrom, timeTo);
  }

  @Override
  public KeyValueIterator<Windowed<Bytes>, byte[]> fetch(Bytes keyFrom, Bytes keyTo, long timeFrom, long timeTo) {
    return wrapped().fetch(keyFrom, keyTo, timeFrom, timeTo);
  }

  @Override
  public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFetch(Bytes keyFrom, Bytes keyTo, long timeFrom,
      long timeTo) {
    return wrapped().backwardFetch(keyFrom, keyTo, timeFrom, timeTo);
  }

  @Override
  public KeyValueIterator<Windowed<Bytes>, byte[]> fetchAll(long timeFrom, long timeTo) {
    return wrapped().fetchAll(timeFrom, timeTo);
  }

  @Override
  public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFetchAll(long timeFrom, long timeTo) {
    return wrapped().backwardFetchAll(timeFrom, timeTo);
  }

  @Override
  public KeyValueIterator<Windowed<Bytes>, byte[]> all() {
    return wrapped().all();
  }

  @Override
  public KeyValueIterator<Windowed<Bytes>, byte[]> backwardAll() {
    return wrapped().backwardAll();
  }

  @Override
  public ReadOnlyWindowStore<Bytes, byte[]> readOnly(IsolationLevel isolationLevel) {
    return wrapped().readOnly(isolationLevel);
  }
}
