package dev.proxywasm.oci;

import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.event.progress.ProgressEventHandler;
import java.io.PrintStream;
import java.util.HashSet;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * Prints Jib's warnings and, once a push has taken longer than a second, a line each time it
 * gets another tenth of the way, so a slow upload shows that it is moving while a quick one
 * stays quiet. Jib reports from several threads.
 */
final class ProgressReport {
  private static final long QUIET_NANOS = 1_000_000_000L;
  private static final Pattern URL = Pattern.compile("https?://\\S+");

  private final PrintStream out;
  private final String label;
  private final LongSupplier nanoClock;
  private final long start;
  private final Set<String> printedWarnings = new HashSet<>();
  private int printedTenths = -1;
  private boolean failed;

  ProgressReport(PrintStream out, String label) {
    this(out, label, System::nanoTime);
  }

  ProgressReport(PrintStream out, String label, LongSupplier nanoClock) {
    this.out = out;
    this.label = label;
    this.nanoClock = nanoClock;
    this.start = nanoClock.getAsLong();
  }

  /** The handler to register for Jib's progress events. */
  ProgressEventHandler progressHandler() {
    return new ProgressEventHandler(update -> show(update.getProgress()));
  }

  /**
   * Passes Jib's warnings on, each kind once: Jib repeats its HTTPS-to-HTTP fallback warning for
   * every request to a plain-HTTP registry, differing only in the URL. Its errors are not printed
   * (the failure reaches the caller as an exception, explained once) but end the progress lines;
   * its chatter about steps stays out of the way.
   */
  synchronized void log(LogEvent event) {
    if (event.getLevel() == LogEvent.Level.ERROR) {
      failed = true;
    } else if (event.getLevel() == LogEvent.Level.WARN
        && printedWarnings.add(URL.matcher(event.getMessage()).replaceAll("URL"))) {
      out.println(label + ": warning: " + event.getMessage());
    }
  }

  /** Takes the overall progress, from 0 to 1. */
  synchronized void show(double progress) {
    int tenths = (int) Math.floor(Math.min(progress, 1.0) * 10);
    if (!failed && tenths > printedTenths && nanoClock.getAsLong() - start >= QUIET_NANOS) {
      printedTenths = tenths;
      out.println(label + ": " + tenths * 10 + "%");
    }
  }
}
