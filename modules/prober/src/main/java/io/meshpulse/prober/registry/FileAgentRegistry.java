package io.meshpulse.prober.registry;

import io.meshpulse.schema.AgentCard;
import io.meshpulse.schema.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Agents from a YAML file, re-read when the file changes, so an edit takes effect on the next
 * round. The file must be valid at start; a later broken edit is logged once and the last good
 * list stays in use until the file is fixed.
 */
public final class FileAgentRegistry implements AgentRegistry {

  private static final Logger LOG = LoggerFactory.getLogger(FileAgentRegistry.class);

  private final Path file;
  private volatile List<AgentCard> agents;
  private volatile FileTime readVersion;
  private volatile FileTime rejectedVersion;

  public FileAgentRegistry(Path file) {
    this.file = file;
    this.readVersion = modified();
    this.agents = AgentsFile.read(file);
  }

  @Override
  public synchronized List<AgentCard> agents() {
    FileTime now = modified();
    if (now != null && !now.equals(readVersion) && !now.equals(rejectedVersion)) {
      reload(now);
    }
    return agents;
  }

  private void reload(FileTime version) {
    try {
      List<AgentCard> fresh = AgentsFile.read(file);
      LOG.info("agents file {} changed: {} agents (was {})", file, fresh.size(), agents.size());
      agents = fresh;
      readVersion = version;
    } catch (ConfigException e) {
      rejectedVersion = version;
      LOG.warn("agents file {} changed but is not valid, keeping the previous {} agents: {}", file, agents.size(),
          e.getMessage());
    }
  }

  private FileTime modified() {
    try {
      return Files.getLastModifiedTime(file);
    } catch (IOException e) {
      return null; // being replaced (editors write a new file and rename it)
    }
  }
}
