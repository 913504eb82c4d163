package io.meshpulse.app;

import picocli.CommandLine.IVersionProvider;

/** The jar's version, from its manifest. */
final class Version implements IVersionProvider {

  @Override
  public String[] getVersion() {
    String version = Meshpulse.class.getPackage().getImplementationVersion();
    return new String[] {"meshpulse " + (version == null ? "(development build)" : version)};
  }
}
