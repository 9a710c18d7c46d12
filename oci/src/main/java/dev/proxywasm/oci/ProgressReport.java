package dev.proxywasm.oci;

import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.event.progress.ProgressEventHandler;
import java.io.PrintStream;

/**
 * Prints a line each time a build or push gets another tenth of the way, and Jib's warnings and
 * errors, so a slow upload shows that it is moving. Jib reports from several threads.
 */
final class ProgressReport {
  private final PrintStream out;
  private final String label;
  private int printedTenths = -1;

  ProgressReport(PrintStream out, String label) {
    this.out = out;
    this.label = label;
  }

  /** The handler to register for Jib's progress events. */
  ProgressEventHandler progressHandler() {
    return new ProgressEventHandler(update -> show(update.getProgress()));
  }

  /** Passes Jib's warnings and errors on; its chatter about steps stays out of the way. */
  synchronized void log(LogEvent event) {
    if (event.getLevel() == LogEvent.Level.WARN || event.getLevel() == LogEvent.Level.ERROR) {
      out.println(label + ": " + event.getLevel().name().toLowerCase() + ": " + event.getMessage());
    }
  }

  private synchronized void show(double progress) {
    int tenths = (int) Math.floor(Math.min(progress, 1.0) * 10);
    if (tenths > printedTenths) {
      printedTenths = tenths;
      out.println(label + ": " + tenths * 10 + "%");
    }
  }
}
