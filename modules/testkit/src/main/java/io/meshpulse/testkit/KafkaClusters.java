package io.meshpulse.testkit;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

/**
 * Picks and starts the test JVM's Kafka: the system property {@value #PROPERTY} = {@code embedded} or
 * {@code testcontainers} forces one; otherwise a container where a Docker engine answers, the in-JVM
 * broker where none does. {@value #IMAGE_PROPERTY} names the image (default {@value #DEFAULT_IMAGE}).
 */
final class KafkaClusters {

  static final String PROPERTY = "meshpulse.test.kafka";
  static final String IMAGE_PROPERTY = "meshpulse.test.kafka.image";
  static final String DEFAULT_IMAGE = "apache/kafka:4.0.0";
  static final String EMBEDDED = "embedded";
  static final String TESTCONTAINERS = "testcontainers";
  private static final Logger LOG = LoggerFactory.getLogger(KafkaClusters.class);

  private KafkaClusters() {}

  /** Starts the cluster the system properties (or the machine) call for; the caller closes it. */
  static AutoCloseable start() {
    long start = System.nanoTime();
    String kind = choose(System.getProperty(PROPERTY, "auto").trim().toLowerCase(Locale.ROOT));
    AutoCloseable cluster = kind.equals(EMBEDDED)
        ? EmbeddedCluster.start()
        : ContainerCluster.start(System.getProperty(IMAGE_PROPERTY, DEFAULT_IMAGE));
    LOG.info("tests share {} (ready in {} ms)", cluster, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    return cluster;
  }

  private static String choose(String wanted) {
    return switch (wanted) {
      case EMBEDDED, TESTCONTAINERS -> wanted;
      case "auto" -> DockerClientFactory.instance().isDockerAvailable() ? TESTCONTAINERS : EMBEDDED;
      default -> throw new IllegalArgumentException(PROPERTY + ": expected embedded, testcontainers or auto, got '" + wanted + "'");
    };
  }
}
