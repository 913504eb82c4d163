package io.meshpulse.schema.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads a file the user named (agents file, client settings) as UTF-8 text. */
public final class TextFiles {

  private TextFiles() {}

  /**
   * @throws ConfigException naming the file and saying, in plain words, why it cannot be read
   *     (no such file, permission denied, not UTF-8 text, a directory)
   */
  public static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new ConfigException(file.toString(), "no such file");
    } catch (AccessDeniedException e) {
      throw new ConfigException(file.toString(), "permission denied");
    } catch (CharacterCodingException e) {
      throw new ConfigException(file.toString(), "not UTF-8 text (a binary file?)");
    } catch (IOException e) {
      throw new ConfigException(file.toString(),
          Files.isDirectory(file) ? "a directory, not a file" : "cannot read: " + e.getMessage());
    }
  }
}
