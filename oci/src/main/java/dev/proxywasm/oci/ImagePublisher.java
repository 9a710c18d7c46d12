package dev.proxywasm.oci;

import com.google.cloud.tools.jib.api.CacheDirectoryCreationException;
import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.InsecureRegistryException;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.api.RegistryAuthenticationFailedException;
import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.api.RegistryUnauthorizedException;
import com.google.cloud.tools.jib.event.events.ProgressEvent;
import com.google.cloud.tools.jib.global.JibSystemProperties;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.concurrent.ExecutionException;

/**
 * Packs a {@link WasmModule} into a plugin image and writes it to an {@link ImageDestination},
 * turning Jib's failures into messages that say what to fix. A result is returned only once the
 * registry has accepted the manifest (or the tarball is complete); anything else is an
 * exception.
 */
public final class ImagePublisher {
  private final PrintStream progress;

  /** A publisher that reports progress and warnings to {@code progress}. */
  public ImagePublisher(PrintStream progress) {
    this.progress = progress;
  }

  /** Builds the image of {@code module} in {@code format} and writes it to {@code destination}. */
  public PublishedImage publish(WasmModule module, ImageFormat format, ImageDestination destination)
      throws PublishException {
    ProgressReport report = new ProgressReport(progress, "pushing " + destination.reference());
    if (destination.allowsInsecure()) {
      // Jib refuses to send credentials over plain HTTP unless this is set; the user chose an
      // insecure (or loopback) registry, which is the case the switch exists for.
      System.setProperty(JibSystemProperties.SEND_CREDENTIALS_OVER_HTTP, "true");
    }
    Containerizer containerizer =
        destination
            .containerizer(report::log)
            .setToolName("proxywasm-oci")
            .addEventHandler(LogEvent.class, report::log);
    if (destination.isRegistry()) {
      // Writing a tarball takes milliseconds; an upload can take long enough to need a sign.
      containerizer.addEventHandler(ProgressEvent.class, report.progressHandler());
    }
    JibContainer container;
    try {
      container = WasmImage.of(module, format).containerize(containerizer);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PublishException("interrupted while publishing " + destination.describe(), e);
    } catch (ExecutionException e) {
      throw explain(destination, e.getCause() != null ? e.getCause() : e);
    } catch (RegistryException | IOException | CacheDirectoryCreationException e) {
      throw explain(destination, e);
    }
    return new PublishedImage(
        destination.reference(),
        container.getDigest().toString(),
        destination.isRegistry(),
        module.size());
  }

  private static PublishException explain(ImageDestination destination, Throwable failure) {
    String target = destination.describe();
    String registry = destination.reference().getRegistry();
    if (failure instanceof RegistryUnauthorizedException
        || failure instanceof RegistryAuthenticationFailedException) {
      return new PublishException(
          "registry " + registry + " refused to let " + destination.describeCredentials()
              + " push " + target + " (" + failure.getMessage() + "); check the user name and"
              + " password/token, or run docker login " + registry,
          failure);
    }
    if (failure instanceof InsecureRegistryException) {
      return new PublishException(
          "registry " + registry + " does not offer verified HTTPS; pass --insecure"
              + " (-Doci.insecure=true) if you trust it",
          failure);
    }
    Throwable network = networkCause(failure);
    if (network != null) {
      return new PublishException(
          "cannot reach registry " + registry + " to push " + target + ": " + network,
          failure);
    }
    return new PublishException(
        "publishing " + target + " failed: " + failure.getClass().getSimpleName() + ": "
            + failure.getMessage(),
        failure);
  }

  private static Throwable networkCause(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ConnectException
          || t instanceof UnknownHostException
          || t instanceof NoRouteToHostException
          || t instanceof SocketTimeoutException) {
        return t;
      }
    }
    return null;
  }
}
