package dev.proxywasm.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.cloud.tools.jib.api.LogEvent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressReportTest {
  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private final AtomicLong now = new AtomicLong(0);
  private final ProgressReport report =
      new ProgressReport(new PrintStream(printed, true), "pushing r/x:1", now::get);

  private String printed() {
    return printed.toString(StandardCharsets.UTF_8);
  }

  @Test
  void quickPushPrintsNothing() {
    report.show(0.3);
    now.set(900_000_000L);
    report.show(1.0);

    assertEquals("", printed());
  }

  @Test
  void slowPushPrintsEachNewTenthOnce() {
    report.show(0.05);
    now.set(1_500_000_000L);
    report.show(0.25);
    report.show(0.29);
    report.show(0.31);
    report.show(1.0);

    assertEquals("pushing r/x:1: 20%\npushing r/x:1: 30%\npushing r/x:1: 100%\n", printed());
  }

  @Test
  void repeatedWarningThatDiffersOnlyInItsUrlIsPrintedOnce() {
    report.log(LogEvent.warn("Failed to connect to https://r/v2/ over HTTPS. Trying HTTP."));
    report.log(LogEvent.warn("Failed to connect to https://r/v2/x/blobs/ over HTTPS. Trying HTTP."));
    report.log(LogEvent.warn("GET https://r/v2/ failed and will be retried"));

    assertEquals(
        "pushing r/x:1: warning: Failed to connect to https://r/v2/ over HTTPS. Trying HTTP.\n"
            + "pushing r/x:1: warning: GET https://r/v2/ failed and will be retried\n",
        printed());
  }

  @Test
  void errorsEndTheProgressLinesAndLeaveTheExplanationToTheCaller() {
    now.set(2_000_000_000L);
    report.show(0.1);
    report.log(LogEvent.info("Using credentials from Docker config"));
    report.log(LogEvent.lifecycle("Pushing manifest"));
    report.log(LogEvent.error("I/O error for image [r/x]"));
    report.show(0.5);

    assertEquals("pushing r/x:1: 10%\n", printed());
  }
}
