package io.meshpulse.app;

import io.meshpulse.schema.config.ConfigException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Directory options ({@code --state-dir}, {@code --data-dir}), checked before anything starts: a
 * directory that is missing is created, and it must then be a directory this process can write to.
 */
final class Directories {

  private Directories() {}

  /**
   * {@code dir}, created when missing.
   *
   * @throws ConfigException naming {@code option} when {@code dir} (or the nearest part of its path
   *     that exists) is not a directory, cannot be created, or is not writable
   */
  static Path requireWritable(String option, Path dir) {
    Path existing = nearestExisting(dir.toAbsolutePath());
    if (existing != null && !Files.isDirectory(existing)) {
      throw new ConfigException(option, existing + " is not a directory");
    }
    try {
      Files.createDirectories(dir);
    } catch (AccessDeniedException e) {
      throw new ConfigException(option, "cannot create " + dir + ": permission denied");
    } catch (FileSystemException e) {
      throw new ConfigException(option, "cannot create " + dir + ": " + (e.getReason() != null ? e.getReason() : e));
    } catch (IOException e) {
      throw new ConfigException(option, "cannot create " + dir + ": " + e);
    }
    if (!Files.isWritable(dir)) {
      throw new ConfigException(option, dir + " is not writable");
    }
    return dir;
  }

  private static Path nearestExisting(Path path) {
    Path p = path;
    while (p != null && !Files.exists(p)) {
      p = p.getParent();
    }
    return p;
  }
}
