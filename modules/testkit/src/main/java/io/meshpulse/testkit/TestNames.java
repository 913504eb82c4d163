package io.meshpulse.testkit;

import io.meshpulse.schema.Topics;

/**
 * Names no other test uses, so tests sharing a cluster can run in any order: a topic prefix, an
 * application id, a group id. Resolved as a parameter by {@link KafkaExtension}, e.g.
 * {@code it.ChecksIT.hungAgentNeverAnswers.7.}; the same within one test (its {@code @BeforeEach} included).
 */
public record TestNames(String prefix) {

  private static final int MAX_LENGTH = 120;

  public TestNames {
    if (prefix == null || !prefix.matches("[a-zA-Z0-9._-]+")) {
      throw new IllegalArgumentException("test name prefix: only letters, digits, '.', '_' and '-', got '" + prefix + "'");
    }
  }

  /** From the test's class and method names and a number unique within the test JVM. */
  static TestNames of(String className, String methodName, int number) {
    String base = "it." + className + (methodName == null ? "" : "." + methodName);
    String safe = base.replaceAll("[^a-zA-Z0-9._-]", "_");
    String cut = safe.length() > MAX_LENGTH ? safe.substring(0, MAX_LENGTH) : safe;
    return new TestNames(cut + "." + number + ".");
  }

  /** meshpulse's topics under this test's prefix. */
  public Topics topics() {
    return new Topics(prefix);
  }

  /** A topic of this test's own, {@code <prefix><name>}. */
  public String topic(String name) {
    return prefix + name;
  }

  /** A Kafka Streams {@code application.id} of this test's own. */
  public String applicationId() {
    return prefix.substring(0, prefix.length() - 1);
  }

  /** A consumer {@code group.id} of this test's own. */
  public String groupId() {
    return prefix + "group";
  }
}
