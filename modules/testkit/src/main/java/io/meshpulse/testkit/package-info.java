/**
 * Fixtures for every module's integration tests ({@code *IT}).
 *
 * <pre>
 * &#64;MeshpulseKafka
 * class ChecksTopicIT {
 *   &#64;Test
 *   void checkIsPublished(KafkaCluster cluster, TestNames names) {
 *     Topics topics = cluster.createTopics(names.topics(), 3);
 *     try (TestProducer&lt;String, String&gt; producer = cluster.producer(new StringSerializer(), new StringSerializer())) {
 *       producer.send(topics.checks(), "billing", "up");
 *     }
 *     var records = cluster.readUntil(topics.checks(), new StringDeserializer(), new StringDeserializer(),
 *         r -&gt; r.size() == 1, Duration.ofSeconds(30));
 *   }
 * }
 * </pre>
 *
 * <p>The broker is one per test JVM, shared by all test classes: a Testcontainers Kafka where a Docker
 * engine answers, the in-JVM {@link io.meshpulse.embedded.EmbeddedKafka} otherwise; the system property
 * {@code meshpulse.test.kafka=embedded|testcontainers} forces one. Tests that stop and restart a broker
 * start an {@code EmbeddedKafka} of their own instead. Simulated agents come from
 * {@link io.meshpulse.embedded.SimulatedFleet}. {@code logback-test.xml} here quiets the broker and
 * Testcontainers for every module that depends on the testkit.
 */
package io.meshpulse.testkit;
