package io.meshpulse.prober.registry;

import io.meshpulse.schema.AgentCard;
import io.meshpulse.schema.config.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Agents from a YAML file, re-read when the file changes, so an edit takes effect on the next
 * round. The file must be valid at start; a later broken edit is logged once and the last good
 * list stays in use until the file is fixed.
 *
 * <p>Each round costs a {@code stat}: the file is read again when its time or size changed. File
 * times have a coarse tick, so an edit just after a read may keep both; while the file's time is
 * that recent, its content is compared too (as git does for "racily clean" files).
 */
public final class FileAgentRegistry implements AgentRegistry {

  private static final Logger LOG = LoggerFactory.getLogger(FileAgentRegistry.class);
  /** Longer than any file system's time tick (FAT's is 2 s). */
  private static final Duration TICK = Duration.ofSeconds(2);

  /** The file as last read: its time and size, a digest of its content, and when it was read. */
  private record Seen(FileTime modified, long size, byte[] digest, long readAtMillis) {}

  private final Path file;
  private volatile List<AgentCard> agents;
  private Seen seen;

  public FileAgentRegistry(Path file) {
    this.file = file;
    String text = AgentsFile.text(file);
    this.agents = AgentsFile.parse(text, file.getFileName().toString());
    this.seen = seen(attributes(), text);
  }

  @Override
  public synchronized List<AgentCard> agents() {
    BasicFileAttributes now = attributes();
    if (now != null && (changed(now) || racy())) {
      readIfChanged(now);
    }
    return agents;
  }

  private boolean changed(BasicFileAttributes now) {
    return !now.lastModifiedTime().equals(seen.modified()) || now.size() != seen.size();
  }

  /** Whether an edit after the last read could have kept the file's time: it was read within a tick of it. */
  private boolean racy() {
    return seen.readAtMillis() - seen.modified().toMillis() < TICK.toMillis();
  }

  private void readIfChanged(BasicFileAttributes now) {
    String text;
    try {
      text = AgentsFile.text(file);
    } catch (ConfigException e) {
      return; // being replaced (editors write a new file and rename it): next round
    }
    Seen before = seen;
    seen = seen(now, text);
    if (!Arrays.equals(before.digest(), seen.digest())) {
      reload(text);
    }
  }

  private void reload(String text) {
    try {
      List<AgentCard> fresh = AgentsFile.parse(text, file.getFileName().toString());
      LOG.info("agents file {} changed: {} agents (was {})", file, fresh.size(), agents.size());
      agents = fresh;
    } catch (ConfigException e) {
      LOG.warn("agents file {} changed but is not valid, keeping the previous {} agents: {}", file, agents.size(),
          e.getMessage());
    }
  }

  private BasicFileAttributes attributes() {
    try {
      return Files.readAttributes(file, BasicFileAttributes.class);
    } catch (IOException e) {
      return null; // being replaced
    }
  }

  private static Seen seen(BasicFileAttributes attributes, String text) {
    FileTime modified = attributes == null ? FileTime.fromMillis(0) : attributes.lastModifiedTime();
    long size = attributes == null ? -1 : attributes.size();
    return new Seen(modified, size, sha256(text), System.currentTimeMillis());
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
