package io.lanyard.systemtest.harness;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The SMTP server notification-service delivers to, and what reached each address. */
public final class Mailbox implements AutoCloseable {

  /** One delivered email: its recipient, subject and full text (all parts). */
  public record Mail(String to, String subject, String text) {

    private static final java.util.regex.Pattern CODE =
        java.util.regex.Pattern.compile("(?m)^ {4}([A-Z0-9]{4,10})\\s*$");

    /** The access code the email shows (on a line of its own, indented), if any. */
    public java.util.Optional<String> code() {
      java.util.regex.Matcher code = CODE.matcher(text);
      return code.find() ? java.util.Optional.of(code.group(1)) : java.util.Optional.empty();
    }
  }

  private final GreenMail server;

  private Mailbox(GreenMail server) {
    this.server = server;
  }

  static Mailbox start() {
    GreenMail server = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    server.start();
    return new Mailbox(server);
  }

  int smtpPort() {
    return server.getSmtp().getPort();
  }

  /**
   * How many emails were delivered to addresses ending in {@code suffix} ({@code @acme.example}).
   */
  public int countTo(String suffix) {
    try {
      int count = 0;
      for (Message message : server.getReceivedMessages()) {
        if (message.getAllRecipients()[0].toString().endsWith(suffix)) {
          count++;
        }
      }
      return count;
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Everything delivered to {@code address} so far, oldest first. */
  public List<Mail> to(String address) {
    List<Mail> mails = new ArrayList<>();
    try {
      for (Message message : server.getReceivedMessages()) {
        String recipient = message.getAllRecipients()[0].toString();
        if (recipient.equalsIgnoreCase(address)) {
          mails.add(new Mail(recipient, message.getSubject(), textOf(message)));
        }
      }
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
    return mails;
  }

  /** The decoded text of every text part (plain and HTML), however the mail was encoded. */
  private static String textOf(Part part) throws MessagingException {
    try {
      Object content = part.getContent();
      if (content instanceof String text) {
        return text;
      }
      if (content instanceof Multipart multipart) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < multipart.getCount(); i++) {
          text.append(textOf(multipart.getBodyPart(i))).append('\n');
        }
        return text.toString();
      }
      return "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits until at least {@code count} emails reached {@code address}; answers them all. */
  public List<Mail> await(String address, int count, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<Mail> mails = to(address);
    while (mails.size() < count) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "expected "
                + count
                + " emails to "
                + address
                + " within "
                + timeout
                + ", got "
                + mails);
      }
      server.waitForIncomingEmail(200, mails.size() + 1);
      mails = to(address);
    }
    return mails;
  }

  @Override
  public void close() {
    server.stop();
  }
}
