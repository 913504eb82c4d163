package io.meshpulse.testkit;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests a {@link KafkaCluster} (one per test JVM, started on first use, shared by every test
 * class, stopped when the JVM's tests are done) and {@link TestNames} of their own. Use it through
 * {@link MeshpulseKafka}.
 */
public final class KafkaExtension implements ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KafkaExtension.class);
  private static final String CLUSTER = "cluster";
  private static final String COUNTER = "names";

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == KafkaCluster.class || type == TestNames.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    if (parameter.getParameter().getType() == KafkaCluster.class) {
      return cluster(context);
    }
    return context.getStore(NAMESPACE).getOrComputeIfAbsent(TestNames.class, k -> newNames(context), TestNames.class);
  }

  /** The shared cluster: kept in the root store, which closes it after the last test. */
  static KafkaCluster cluster(ExtensionContext context) {
    return (KafkaCluster) context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(CLUSTER, k -> KafkaClusters.start());
  }

  private static TestNames newNames(ExtensionContext context) {
    AtomicInteger counter = context.getRoot().getStore(NAMESPACE)
        .getOrComputeIfAbsent(COUNTER, k -> new AtomicInteger(), AtomicInteger.class);
    String className = context.getRequiredTestClass().getSimpleName();
    String methodName = context.getTestMethod().map(java.lang.reflect.Method::getName).orElse(null);
    return TestNames.of(className, methodName, counter.incrementAndGet());
  }
}
