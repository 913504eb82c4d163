/**
 * What the demo, the tests and the benchmarks run instead of production infrastructure.
 *
 * <h2>A Kafka broker in this JVM</h2>
 * {@link io.meshpulse.embedded.EmbeddedKafka}: a real single-node KRaft broker on loopback that can be
 * stopped and restarted on the same address. Kafka's internal broker classes stay in {@code KraftNode}.
 * Its logging goes through SLF4J (log4j-core is excluded, log4j-api is bridged to SLF4J): set
 * {@code kafka}, {@code org.apache.kafka} and {@code state.change.logger} to WARN in the logging
 * configuration, or the broker logs about a thousand lines while starting.
 *
 * <h2>A simulated fleet of HTTP agents</h2>
 * {@link io.meshpulse.embedded.SimulatedFleet} starts agents ({@link io.meshpulse.embedded.AgentSpec}),
 * each on its own loopback address, each with a {@link io.meshpulse.embedded.Behaviour} that can change at
 * runtime and stats a test can assert on ({@link io.meshpulse.embedded.SimulatedAgent}).
 * {@link io.meshpulse.embedded.FleetMain} runs a fleet in a process of its own.
 *
 * <p>The server is this package's own non-blocking HTTP/1.1 server, because the point is to misbehave at
 * the TCP and HTTP level in ways a library server will not: {@code EventLoop} (one selector thread, timers,
 * tasks from other threads), {@code AgentEndpoint} (an agent's listener and connections),
 * {@code Connection} (reads requests, carries out {@link io.meshpulse.embedded.Reply replies}),
 * {@code RequestParser}, {@link io.meshpulse.embedded.Response}.
 */
package io.meshpulse.embedded;
