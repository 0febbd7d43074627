package io.lanyard.web.web;

import io.quarkus.qute.TemplateExtension;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** What templates need to put text into a URL: {@code {q.urlEncoded}}. */
@TemplateExtension
public final class TextExtensions {

  private TextExtensions() {}

  public static String urlEncoded(String text) {
    return text == null ? "" : URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
