package io.meshpulse.schema.config;

/** A configuration value is missing or wrong; the message names the field as the user wrote it. */
public final class ConfigException extends RuntimeException {

  private final String field;

  public ConfigException(String field, String problem) {
    super(field + ": " + problem);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
