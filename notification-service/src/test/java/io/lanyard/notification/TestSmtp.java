package io.lanyard.notification;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A real SMTP server in the test JVM (GreenMail) on a port of its own, which a test may stop and
 * start again (the service's retries meet a refused connection, then a server).
 */
public class TestSmtp implements QuarkusTestResourceLifecycleManager {

  private static int port;
  private static GreenMail server;

  @Override
  public Map<String, String> start() {
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    up();
    return Map.of(
        "quarkus.mailer.port", Integer.toString(port),
        "lanyard.notification.retry.attempts", "5",
        "lanyard.notification.retry.first", "200ms",
        "lanyard.notification.retry.longest", "1s",
        "lanyard.notification.poll-interval", "50ms");
  }

  @Override
  public void stop() {
    down();
  }

  public static synchronized void up() {
    server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    server.start();
  }

  public static synchronized void down() {
    if (server != null) {
      server.stop();
      server = null;
    }
  }

  /** Every message received since this server started, to this address. */
  public static List<MimeMessage> to(String address) {
    List<MimeMessage> found = new ArrayList<>();
    for (MimeMessage message : server.getReceivedMessages()) {
      try {
        if (Arrays.stream(message.getAllRecipients()).anyMatch(r -> r.toString().equals(address))) {
          found.add(message);
        }
      } catch (MessagingException e) {
        throw new IllegalStateException(e);
      }
    }
    return found;
  }

  /** All text of a message: its plain and HTML parts. */
  public static String text(Part part) {
    try {
      Object content = part.getContent();
      if (content instanceof String text) {
        return text;
      }
      if (content instanceof Multipart multipart) {
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < multipart.getCount(); i++) {
          BodyPart body = multipart.getBodyPart(i);
          if (body.isMimeType("text/*") || body.getContent() instanceof Multipart) {
            all.append(text(body)).append('\n');
          }
        }
        return all.toString();
      }
      return "";
    } catch (IOException | MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Whether the message carries an inline PNG (the invitation's QR code). */
  public static boolean hasInlinePng(Part part) {
    try {
      if (part.isMimeType("image/png")) {
        return true;
      }
      if (part.getContent() instanceof Multipart multipart) {
        for (int i = 0; i < multipart.getCount(); i++) {
          if (hasInlinePng(multipart.getBodyPart(i))) {
            return true;
          }
        }
      }
      return false;
    } catch (IOException | MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}
