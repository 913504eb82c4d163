package io.meshpulse.app;

import io.meshpulse.schema.config.ConfigException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Utils;

/**
 * Kafka's bootstrap servers as its clients read them: a comma-separated list of host:port, of which
 * at least one host resolves. Checked before a client is made, so that the error names the option
 * (a Kafka client would say "No resolvable bootstrap urls given in bootstrap.servers").
 */
final class BootstrapServers {

  private BootstrapServers() {}

  /** @throws ConfigException naming {@code option} when an entry is not host:port, or no host resolves */
  static void requireResolvable(String option, String servers) {
    List<String> unresolved = new ArrayList<>();
    int entries = 0;
    for (String entry : String.valueOf(servers).split(",")) {
      String server = entry.trim();
      if (server.isEmpty()) {
        continue;
      }
      String host = Utils.getHost(server);
      if (host == null || Utils.getPort(server) == null) {
        throw new ConfigException(option, "expected host:port, got '" + server + "'");
      }
      entries++;
      if (!resolves(host)) {
        unresolved.add(host);
      }
    }
    if (entries == 0) {
      throw new ConfigException(option, "expected host:port, got '" + servers + "'");
    }
    if (unresolved.size() == entries) {
      throw new ConfigException(option, "cannot resolve " + (entries == 1 ? "host " : "any of the hosts ")
          + String.join(", ", unresolved) + "; check the name and this machine's DNS");
    }
  }

  private static boolean resolves(String host) {
    try {
      InetAddress.getAllByName(host);
      return true;
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
