package io.lanyard.device.model;

import java.nio.charset.StandardCharsets;

/**
 * One user as a device needs them: tenant, name and whether they may log in, plus their code and
 * cards (to take them out of the lookups when they change). The user id is the key bits.
 *
 * <p>Written by the one thread that feeds the model, read by any: the fields the login path reads
 * are volatile.
 */
public final class UserEntry extends Key128 {

  static final byte UNKNOWN = 0;
  static final byte ACTIVE = 1;
  static final byte SUSPENDED = 2;
  static final byte DELETED = 3;

  /** Deleted, and their data key destroyed (ADR 7): no names, and none written again. */
  static final byte ERASED = 4;

  final TenantEntry tenant;

  /**
   * Username and display name, UTF-8, packed in one array: the model's largest part. Null before
   * the user's profile is known and once they are erased.
   */
  private volatile byte[] names;

  private volatile byte status = UNKNOWN;

  /**
   * Whether {@link GuestWindows} holds a window for this user: persons (nearly everyone) skip that
   * lookup. A boolean fits the entry's padding, where a window's reference would not.
   */
  volatile boolean guest;

  long identityVersion;
  long credentialVersion;
  CodeEntry code;
  CardEntry firstCard;

  UserEntry(long hi, long lo, TenantEntry tenant) {
    super(hi, lo);
    this.tenant = tenant;
  }

  public TenantEntry tenant() {
    return tenant;
  }

  public boolean active() {
    return status == ACTIVE;
  }

  boolean known() {
    return status == ACTIVE || status == SUSPENDED;
  }

  void status(byte status) {
    this.status = status;
  }

  boolean erased() {
    return status == ERASED;
  }

  /** Forgets the person: their names go, and the entry remembers only ids and versions. */
  void erase() {
    names = null;
    status = ERASED;
  }

  void names(String username, String displayName) {
    byte[] user = username.getBytes(StandardCharsets.UTF_8);
    byte[] display = displayName.getBytes(StandardCharsets.UTF_8);
    byte[] packed = new byte[2 + user.length + display.length];
    packed[0] = (byte) (user.length >>> 8);
    packed[1] = (byte) user.length;
    System.arraycopy(user, 0, packed, 2, user.length);
    System.arraycopy(display, 0, packed, 2 + user.length, display.length);
    names = packed;
  }

  /** Null when the user's profile is not known, or they were erased. */
  public String username() {
    byte[] packed = names;
    if (packed == null) {
      return null;
    }
    return new String(packed, 2, usernameLength(packed), StandardCharsets.UTF_8);
  }

  /** Null when the user's profile is not known, or they were erased. */
  public String displayName() {
    byte[] packed = names;
    if (packed == null) {
      return null;
    }
    int start = 2 + usernameLength(packed);
    return new String(packed, start, packed.length - start, StandardCharsets.UTF_8);
  }

  private static int usernameLength(byte[] packed) {
    return ((packed[0] & 0xff) << 8) | (packed[1] & 0xff);
  }

  public String id() {
    return toUuid().toString();
  }
}
