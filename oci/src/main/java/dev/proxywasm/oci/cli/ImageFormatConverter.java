package dev.proxywasm.oci.cli;

import dev.proxywasm.oci.ImageFormat;
import picocli.CommandLine.ITypeConverter;

/** Reads {@code --format oci|docker}. */
final class ImageFormatConverter implements ITypeConverter<ImageFormat> {
  @Override
  public ImageFormat convert(String value) {
    return ImageFormat.parse(value);
  }
}
