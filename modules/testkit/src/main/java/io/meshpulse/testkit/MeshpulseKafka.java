package io.meshpulse.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test class that talks to Kafka: its test and lifecycle methods can take a {@link KafkaCluster}
 * (shared by the whole test JVM) and {@link TestNames} (their own topics and ids).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(KafkaExtension.class)
public @interface MeshpulseKafka {}
