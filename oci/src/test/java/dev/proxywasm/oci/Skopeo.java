package dev.proxywasm.oci;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Debian's {@code skopeo}: a client independent of Jib that reads what was pushed or written.
 * Registry references are read over plain HTTP ({@code --tls-verify=false}).
 */
final class Skopeo {
  private final String binary = RequiredTool.find("skopeo", "skopeo");
  private final String credentials;

  private Skopeo(String credentials) {
    this.credentials = credentials;
  }

  /** A client without credentials. */
  static Skopeo anonymous() {
    return new Skopeo(null);
  }

  /** A client that logs in as {@code user}. */
  static Skopeo as(String user, String password) {
    return new Skopeo(user + ":" + password);
  }

  /** {@code skopeo inspect --raw}: the manifest exactly as stored, the bytes its digest covers. */
  ProcessRun inspectRaw(String imageLocation) throws IOException, InterruptedException {
    return ProcessRun.of(command("inspect", "--raw", imageLocation));
  }

  /** {@code skopeo copy SOURCE dir:TARGET}: the manifest and blobs as files, checked on the way. */
  Path copyToDirectory(String imageLocation, Path target) throws IOException, InterruptedException {
    List<String> command = command("copy", imageLocation, "dir:" + target);
    ProcessRun.of(command).orThrow(command);
    return target;
  }

  private List<String> command(String verb, String... arguments) {
    List<String> command = new ArrayList<>(List.of(binary, verb));
    boolean registry = arguments[arguments.length - (verb.equals("copy") ? 2 : 1)]
        .startsWith("docker://");
    if (registry) {
      command.add(verb.equals("copy") ? "--src-tls-verify=false" : "--tls-verify=false");
      if (credentials != null) {
        command.add(verb.equals("copy") ? "--src-creds" : "--creds");
        command.add(credentials);
      } else {
        command.add(verb.equals("copy") ? "--src-no-creds" : "--no-creds");
      }
    }
    command.addAll(List.of(arguments));
    return command;
  }
}
