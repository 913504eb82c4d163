package io.meshpulse.streams;

import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.WindowBytesStoreSupplier;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.internals.RocksDbIndexedTimeOrderedWindowBytesStoreSupplier;

/**
 * The windowed statistics store: the time-ordered window store emit-on-window-close needs (Kafka
 * Streams' own), with the key index the DSL builds only for sliding windows. Without it, reading
 * one agent's windows scans the windows of every agent in the time range, which is what the query
 * API does on every request (100 ms and more per agent with a few thousand agents). Each store is
 * wrapped in an {@link EmptyAwareWindowStore}, so a restart does not take a task whose store is
 * empty for a corrupted one.
 *
 * <p>{@code RocksDbIndexedTimeOrderedWindowBytesStoreSupplier} is internal to Kafka Streams, and so
 * are the classes the wrapper builds on: check them when upgrading ({@code WindowStatsTopologyTest},
 * {@code InstanceRestartIT} and the query ITs fail if they change behaviour).
 */
final class IndexedWindowStoreSupplier implements WindowBytesStoreSupplier {

  private final WindowBytesStoreSupplier kafkas;

  private IndexedWindowStoreSupplier(WindowBytesStoreSupplier kafkas) {
    this.kafkas = kafkas;
  }

  static WindowBytesStoreSupplier of(String name, TopologyConfig config) {
    return new IndexedWindowStoreSupplier(RocksDbIndexedTimeOrderedWindowBytesStoreSupplier.create(name,
        config.windowRetention(), config.windowSize(), false, true));
  }

  @Override
  public WindowStore<Bytes, byte[]> get() {
    return new EmptyAwareWindowStore(kafkas.get());
  }

  @Override
  public String name() {
    return kafkas.name();
  }

  @Override
  public String metricsScope() {
    return kafkas.metricsScope();
  }

  @Override
  public long segmentIntervalMs() {
    return kafkas.segmentIntervalMs();
  }

  @Override
  public long windowSize() {
    return kafkas.windowSize();
  }

  @Override
  public boolean retainDuplicates() {
    return kafkas.retainDuplicates();
  }

  @Override
  public long retentionPeriod() {
    return kafkas.retentionPeriod();
  }
}
