package io.meshpulse.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.meshpulse.schema.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoriesTest {

  @TempDir
  Path dir;

  @Test
  void missingDirectoryIsCreatedWithItsParents() {
    // Given
    Path state = dir.resolve("a").resolve("b");

    // When
    Path checked = Directories.requireWritable("--state-dir", state);

    // Then
    assertEquals(state, checked);
    assertTrue(Files.isDirectory(state));
  }

  @Test
  void regularFileIsNotADirectory() throws IOException {
    // Given
    Path file = Files.writeString(dir.resolve("state"), "x");

    // When
    ConfigException e = assertThrows(ConfigException.class, () -> Directories.requireWritable("--state-dir", file));

    // Then
    assertEquals("--state-dir: " + file + " is not a directory", e.getMessage());
  }

  @Test
  void pathBelowARegularFileNamesTheFile() throws IOException {
    // Given
    Path file = Files.writeString(dir.resolve("data"), "x");

    // When
    ConfigException e = assertThrows(ConfigException.class,
        () -> Directories.requireWritable("--data-dir", file.resolve("kafka")));

    // Then
    assertEquals("--data-dir: " + file + " is not a directory", e.getMessage());
  }

  @Test
  void unwritableDirectoryIsRejected() throws IOException {
    // Given a directory this user may not write to (root may write anywhere: nothing to check then)
    Path readOnly = Files.createDirectory(dir.resolve("read-only"));
    Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
    assumeFalse(Files.isWritable(readOnly), "this user may write to a read-only directory (root)");

    try {
      // When
      ConfigException e = assertThrows(ConfigException.class, () -> Directories.requireWritable("--state-dir", readOnly));
      ConfigException below = assertThrows(ConfigException.class,
          () -> Directories.requireWritable("--state-dir", readOnly.resolve("state")));

      // Then
      assertEquals("--state-dir: " + readOnly + " is not writable", e.getMessage());
      assertEquals("--state-dir: cannot create " + readOnly.resolve("state") + ": permission denied", below.getMessage());
    } finally {
      Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }
}
