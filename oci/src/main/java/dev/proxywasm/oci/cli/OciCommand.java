package dev.proxywasm.oci.cli;

import dev.proxywasm.oci.PublishException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code java -jar oci.jar}: publishes Proxy-Wasm plugins as OCI images that Istio loads.
 * Exits 0 on success, 1 when publishing fails (the message says why), 2 on a usage error.
 */
@Command(
    name = "oci",
    mixinStandardHelpOptions = true,
    description = "Publishes Proxy-Wasm plugins as OCI images that Istio's WasmPlugin loads.",
    subcommands = {PushCommand.class, PluginsCommand.class})
public final class OciCommand implements Runnable {
  /** Exit status when publishing failed. */
  static final int FAILED = 1;

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "name a command: push or plugins");
  }

  /** Runs the command line {@code args} and exits with its status. */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /**
   * The command line, with failures reported as one clear line on standard error rather than a
   * stack trace.
   */
  public static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new OciCommand());
    commandLine.setExecutionExceptionHandler(
        (failure, failed, parseResult) -> {
          if (failure instanceof PublishException || failure instanceof IllegalArgumentException) {
            failed.getErr().println("oci: error: " + failure.getMessage());
            return FAILED;
          }
          throw failure;
        });
    return commandLine;
  }
}
