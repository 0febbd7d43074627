package io.lanyard.device.model;

import io.lanyard.credentialrules.CardConversion;
import io.lanyard.device.domain.CodeValidity;
import io.lanyard.device.domain.GuestWindow;
import io.lanyard.device.domain.LoginRules;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Everything a device login needs, in memory: code hash → user, card hash → user, user → name and
 * status, device token hash → device, tenant → conversion rules. Fed by one thread from the
 * identity, credential and device topics; read by many.
 *
 * <p>Every change names the version of the stream it comes from and is applied only if newer than
 * what the model holds, so a redelivered or republished event changes nothing, and a deleted user
 * stays deleted (its entry remains, without code or cards, to remember its versions). An erased
 * user's entry keeps only ids and versions: no names, now or after any later event (ADR 7).
 *
 * <p>It holds each code's window and each guest's, but never reads the clock: the caller gives the
 * instant a login is decided at, so two models that read the same events hold the same state.
 */
public final class LoginModel {

  /** The answer to a code: whose it is, or why it logs no one in. */
  public sealed interface CodeMatch {
    record Owner(UserEntry user) implements CodeMatch {}

    /** Constants, so that a refused login allocates nothing. */
    enum Refused implements CodeMatch {
      /** No active user of the tenant has this code now. */
      INVALID_CODE,
      /** The code has expired (its user may be suspended since): only a new code helps. */
      CODE_EXPIRED
    }
  }

  /** The answer to a card: whose it is, or why there is none to log in. */
  public sealed interface CardMatch {
    record Owner(UserEntry user) implements CardMatch {}

    record Inactive(UserEntry user) implements CardMatch {}

    record NotRegistered() implements CardMatch {}
  }

  private final ConcurrentHashMap<String, TenantEntry> tenants = new ConcurrentHashMap<>();
  private final Key128Table<UserEntry> users = new Key128Table<>();
  private final Key128Table<CodeEntry> codes = new Key128Table<>();
  private final Key128Table<CardEntry> cards = new Key128Table<>();
  private final ConcurrentHashMap<Key128, DeviceEntry> devices = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Key128, DeviceEntry> tokens = new ConcurrentHashMap<>();
  private final GuestWindows guestWindows = new GuestWindows();

  // ---- the login path

  /** The device a token belongs to, if it is registered, not revoked, and its tenant active. */
  public Optional<DeviceEntry> deviceByToken(Key128 tokenHash) {
    DeviceEntry device = tokens.get(tokenHash);
    if (device == null || device.revoked || !device.tenant().active()) {
      return Optional.empty();
    }
    return Optional.of(device);
  }

  /**
   * The user of {@code tenant} this code logs in at {@code now} (epoch milliseconds), or why it
   * logs no one in. A deleted user's code, or one whose user is not known yet, is no one's.
   */
  public CodeMatch userByCode(TenantEntry tenant, Key128 codeHash, long now) {
    CodeEntry code = codes.get(codeHash);
    if (code == null || !code.owner.tenant.sameAs(tenant) || !code.owner.known()) {
      return CodeMatch.Refused.INVALID_CODE;
    }
    UserEntry owner = code.owner;
    return switch (LoginRules.code(owner.active(), code.validity, guestWindows.of(owner), now)) {
      case LOGS_IN -> new CodeMatch.Owner(owner);
      case CODE_EXPIRED -> CodeMatch.Refused.CODE_EXPIRED;
      case INVALID_CODE -> CodeMatch.Refused.INVALID_CODE;
    };
  }

  /** Whose card this is, and whether it logs them in at {@code now} (epoch milliseconds). */
  public CardMatch userByCard(TenantEntry tenant, Key128 cardHash, long now) {
    CardEntry card = cards.get(cardHash);
    if (card == null || !card.owner.tenant.sameAs(tenant) || !card.owner.known()) {
      return new CardMatch.NotRegistered();
    }
    UserEntry owner = card.owner;
    return LoginRules.cardLogsIn(owner.active(), guestWindows.of(owner), now)
        ? new CardMatch.Owner(owner)
        : new CardMatch.Inactive(owner);
  }

  /** Whether the model holds this card of this user yet (after registering it at a device). */
  public boolean hasCard(Key128 userId, Key128 cardId) {
    UserEntry user = users.get(userId);
    if (user == null) {
      return false;
    }
    synchronized (user) {
      for (CardEntry card = user.firstCard; card != null; card = card.next) {
        if (card.hasId(cardId)) {
          return true;
        }
      }
    }
    return false;
  }

  public Optional<TenantEntry> findTenant(String tenantId) {
    return Optional.ofNullable(tenants.get(tenantId));
  }

  public boolean tenantActive(String tenantId) {
    TenantEntry tenant = tenants.get(tenantId);
    return tenant != null && tenant.active();
  }

  public Optional<UserEntry> user(Key128 userId) {
    return Optional.ofNullable(users.get(userId)).filter(UserEntry::known);
  }

  /** The model's entry of a user whatever their state (deleted, erased), for its tests. */
  Optional<UserEntry> entry(Key128 userId) {
    return Optional.ofNullable(users.get(userId));
  }

  public Stats stats() {
    return new Stats(
        tenants.size(),
        users.size(),
        codes.size(),
        cards.size(),
        devices.size(),
        guestWindows.size());
  }

  public record Stats(int tenants, int users, int codes, int cards, int devices, int guests) {}

  /**
   * A digest of what the model answers, independent of the order it learnt it in: two replicas (or
   * a rebuilt model and the live one) that read the same events have the same checksum.
   *
   * <p>An erased tenant answers nothing, so only the fact of its erasure counts: which of its
   * entries a model holds depends on whether it read the tenant's other events before or after
   * {@code TenantErased}, and a rebuild reads the three topics in another order than the live feed.
   */
  public long checksum() {
    long sum = 0;
    for (TenantEntry tenant : tenants.values()) {
      sum +=
          tenant.erased()
              ? mix(tenant.id().hashCode(), 2)
              : mix(
                  tenant.id().hashCode(), tenant.active() ? 1 : 0, tenant.conversion().hashCode());
    }
    long[] total = {0};
    users.forEach(
        user -> {
          if (user.tenant.erased()) {
            return;
          }
          synchronized (user) {
            long entry =
                mix(
                    user.hi,
                    user.lo,
                    user.tenant.id().hashCode(),
                    user.known() ? 1 : 0,
                    user.active() ? 1 : 0);
            if (user.known()) {
              entry = mix(entry, user.username().hashCode(), user.displayName().hashCode());
            }
            if (user.code != null && codes.get(user.code) == user.code) {
              entry = mix(entry, user.code.hi, user.code.lo);
              CodeValidity validity = user.code.validity;
              if (validity != CodeValidity.ALWAYS) {
                entry =
                    mix(
                        entry,
                        validity.validFrom(),
                        validity.expiresAt(),
                        validity.markedExpired() ? 1 : 0);
              }
            }
            GuestWindow window = guestWindows.of(user);
            if (window != null) {
              entry = mix(entry, window.validFrom(), window.validUntil());
            }
            for (CardEntry card = user.firstCard; card != null; card = card.next) {
              entry += mix(card.hi, card.lo, card.idHi, card.idLo);
            }
            total[0] += entry;
          }
        });
    sum += total[0];
    for (DeviceEntry device : devices.values()) {
      if (device.tenant().erased()) {
        continue;
      }
      Key128 token = device.token;
      sum +=
          mix(
              device.hi,
              device.lo,
              device.revoked ? 1 : 0,
              token == null ? 0 : token.hi,
              token == null ? 0 : token.lo);
    }
    return sum;
  }

  private static long mix(long... values) {
    long hash = 0x9E3779B97F4A7C15L;
    for (long value : values) {
      hash = (hash ^ value) * 0xBF58476D1CE4E5B9L;
      hash ^= hash >>> 31;
    }
    return hash;
  }

  // ---- identity

  public void tenantCreated(String tenantId, long version) {
    TenantEntry tenant = tenant(tenantId);
    if (version > tenant.identityVersion) {
      tenant.identityVersion = version;
      tenant.active(true);
    }
  }

  public void tenantSuspended(String tenantId, long version) {
    TenantEntry tenant = tenant(tenantId);
    if (version > tenant.identityVersion) {
      tenant.identityVersion = version;
      tenant.active(false);
    }
  }

  /**
   * TenantErased (ADR 7): every user of the tenant is erased here (names gone, codes and cards
   * dropped), every device of theirs revoked, the tenant inactive for good; no later event of the
   * tenant is applied ({@link #erased}). Ids stay, as for an erased user.
   */
  public void tenantErased(String tenantId) {
    TenantEntry tenant = tenant(tenantId);
    tenant.erase();
    users.forEach(
        user -> {
          if (user.tenant.sameAs(tenant)) {
            synchronized (user) {
              user.erase();
              guestWindows.remove(user);
              dropCode(user);
              CardEntry dropped = user.firstCard;
              user.firstCard = null;
              for (CardEntry card = dropped; card != null; card = card.next) {
                dropCard(card);
              }
            }
          }
        });
    for (DeviceEntry device : devices.values()) {
      if (device.tenant().sameAs(tenant)) {
        synchronized (device) {
          device.revoked = true;
          replaceToken(device, null);
        }
      }
    }
  }

  /** Whether the tenant was erased: nothing of it is learnt again. */
  public boolean erased(String tenantId) {
    TenantEntry tenant = tenants.get(tenantId);
    return tenant != null && tenant.erased();
  }

  /** UserCreated and UserUpdated of a person: the whole profile. */
  public void userProfile(
      Key128 userId, String tenantId, String username, String displayName, long version) {
    userProfile(userId, tenantId, username, displayName, null, version);
  }

  /**
   * UserCreated and UserUpdated: the whole profile, and a guest's window if the event carries one.
   * Without one the window stays as it was: a person has none, and an update that does not name a
   * guest's window (an older producer) does not end it. Only a guest's creation opens a window, so
   * an update never makes a person a guest.
   */
  public void userProfile(
      Key128 userId,
      String tenantId,
      String username,
      String displayName,
      GuestWindow guestWindow,
      long version) {
    UserEntry user = user(userId, tenantId);
    synchronized (user) {
      if (version <= user.identityVersion) {
        return;
      }
      user.identityVersion = version;
      if (user.erased()) {
        // A later event of an erased user (a republication) brings back neither name nor login.
        return;
      }
      user.names(username, displayName);
      boolean created = !user.known();
      if (created) {
        user.status(UserEntry.ACTIVE);
      }
      if (guestWindow != null && (created || user.guest)) {
        guestWindows.set(user, guestWindow);
      }
    }
  }

  public void userSuspended(Key128 userId, String tenantId, long version) {
    status(userId, tenantId, version, UserEntry.SUSPENDED);
  }

  public void userReactivated(Key128 userId, String tenantId, long version) {
    status(userId, tenantId, version, UserEntry.ACTIVE);
  }

  public void userDeleted(Key128 userId, String tenantId, long version) {
    status(userId, tenantId, version, UserEntry.DELETED);
  }

  /**
   * UserErased (ADR 7): the user's names leave the model, for good; the entry keeps the ids and
   * versions, so the user stays unknown to every login, and later events of theirs change nothing.
   * Whatever the version: erasure is final.
   */
  public void userErased(Key128 userId, String tenantId, long version) {
    UserEntry user = user(userId, tenantId);
    synchronized (user) {
      user.identityVersion = Math.max(user.identityVersion, version);
      user.erase();
      guestWindows.remove(user);
    }
  }

  private void status(Key128 userId, String tenantId, long version, byte status) {
    UserEntry user = user(userId, tenantId);
    synchronized (user) {
      if (version > user.identityVersion && user.known()) {
        user.identityVersion = version;
        user.status(status);
        if (status == UserEntry.DELETED) {
          guestWindows.remove(user);
        }
      }
    }
  }

  // ---- credentials

  /** A code without a window. */
  public void codeChanged(Key128 userId, String tenantId, Key128 codeHash, long version) {
    codeChanged(userId, tenantId, codeHash, CodeValidity.ALWAYS, version);
  }

  /** A new code, with its own window: whatever expired with the old code stays with it. */
  public void codeChanged(
      Key128 userId, String tenantId, Key128 codeHash, CodeValidity validity, long version) {
    UserEntry user = user(userId, tenantId);
    synchronized (user) {
      if (!newCredentialVersion(user, version)) {
        return;
      }
      dropCode(user);
      CodeEntry code = new CodeEntry(codeHash, user, validity);
      CodeEntry holder = codes.get(codeHash);
      if (holder != null && holder.owner != user && holder.owner.code == holder) {
        code.displaced = holder;
      }
      user.code = code;
      codes.put(code);
    }
  }

  /**
   * AccessCodeExpiryChanged: the current code's window is now {@code validity}. It replaces the
   * window whole, an expired mark included: credential-service records a new expiry after the old
   * one's fact only when it means the code to work again, and marks it expired again (one fact per
   * code and deadline) if the new deadline passes too.
   */
  public void codeExpiryChanged(
      Key128 userId, String tenantId, CodeValidity validity, long version) {
    UserEntry user = user(userId, tenantId);
    synchronized (user) {
      if (newCredentialVersion(user, version) && user.code != null) {
        user.code.validity = validity;
      }
    }
  }

  /**
   * AccessCodeExpired: the code is expired whatever this replica's clock says (it may be behind
   * credential-service's). Only the code the fact names: an older code's fact changes nothing.
   */
  public void codeExpired(Key128 userId, String tenantId, Key128 codeHash, long version) {
    UserEntry user = user(userId, tenantId);
    synchronized (user) {
      if (newCredentialVersion(user, version) && codeHash.equals(user.code)) {
        user.code.validity = user.code.validity.expired();
      }
    }
  }

  public void cardRegistered(
      Key128 userId, String tenantId, Key128 cardId, Key128 cardHash, long version) {
    UserEntry user = user(userId, tenantId);
    synchronized (user) {
      if (!newCredentialVersion(user, version)) {
        return;
      }
      CardEntry card = new CardEntry(cardHash, user, cardId);
      CardEntry holder = cards.get(cardHash);
      if (holder != null && holder.owner != user && holds(holder)) {
        card.displaced = holder;
      }
      card.next = user.firstCard;
      user.firstCard = card;
      cards.put(card);
    }
  }

  public void cardRemoved(Key128 userId, String tenantId, Key128 cardId, long version) {
    UserEntry user = user(userId, tenantId);
    synchronized (user) {
      if (!newCredentialVersion(user, version)) {
        return;
      }
      CardEntry previous = null;
      for (CardEntry card = user.firstCard; card != null; card = card.next) {
        if (card.hasId(cardId)) {
          if (previous == null) {
            user.firstCard = card.next;
          } else {
            previous.next = card.next;
          }
          dropCard(card);
          return;
        }
        previous = card;
      }
    }
  }

  public void credentialsRevoked(Key128 userId, String tenantId, long version) {
    UserEntry user = user(userId, tenantId);
    synchronized (user) {
      if (!newCredentialVersion(user, version)) {
        return;
      }
      dropCode(user);
      CardEntry revoked = user.firstCard;
      user.firstCard = null;
      for (CardEntry card = revoked; card != null; card = card.next) {
        dropCard(card);
      }
    }
  }

  /** An event of the user's credential stream that changes nothing here (a reveal). */
  public void credentialSeen(Key128 userId, String tenantId, long version) {
    UserEntry user = user(userId, tenantId);
    synchronized (user) {
      newCredentialVersion(user, version);
    }
  }

  public void policyChanged(String tenantId, CardConversion conversion, long version) {
    TenantEntry tenant = tenant(tenantId);
    synchronized (tenant) {
      if (version > tenant.policyVersion) {
        tenant.policyVersion = version;
        tenant.conversion(conversion);
      }
    }
  }

  // ---- devices

  public void deviceRegistered(Key128 deviceId, String tenantId, Key128 tokenHash, long version) {
    DeviceEntry device = device(deviceId, tenantId);
    synchronized (device) {
      if (version > device.version) {
        device.version = version;
        replaceToken(device, tokenHash);
      }
    }
  }

  public void deviceTokenRotated(Key128 deviceId, String tenantId, Key128 tokenHash, long version) {
    deviceRegistered(deviceId, tenantId, tokenHash, version);
  }

  public void deviceRevoked(Key128 deviceId, String tenantId, long version) {
    DeviceEntry device = device(deviceId, tenantId);
    synchronized (device) {
      if (version > device.version) {
        device.version = version;
        device.revoked = true;
        replaceToken(device, null);
      }
    }
  }

  private void replaceToken(DeviceEntry device, Key128 tokenHash) {
    Key128 old = device.token;
    if (old != null) {
      tokens.remove(old, device);
    }
    device.token = tokenHash;
    if (tokenHash != null && !device.revoked) {
      tokens.put(tokenHash, device);
    }
  }

  // ---- helpers

  private TenantEntry tenant(String tenantId) {
    return tenants.computeIfAbsent(tenantId, TenantEntry::new);
  }

  private DeviceEntry device(Key128 deviceId, String tenantId) {
    DeviceEntry device = devices.get(deviceId);
    if (device != null) {
      return device;
    }
    DeviceEntry created = new DeviceEntry(deviceId, tenant(tenantId));
    DeviceEntry raced = devices.putIfAbsent(created, created);
    return raced == null ? created : raced;
  }

  private UserEntry user(Key128 userId, String tenantId) {
    UserEntry user = users.get(userId);
    if (user != null) {
      return user;
    }
    return users.putIfAbsent(new UserEntry(userId.hi, userId.lo, tenant(tenantId)));
  }

  private static boolean newCredentialVersion(UserEntry user, long version) {
    if (version <= user.credentialVersion) {
      return false;
    }
    user.credentialVersion = version;
    return true;
  }

  /**
   * Codes and cards freed by one user and given to another arrive in either order (two users'
   * streams, two partitions; a replica catching up reads partitions in any interleaving). So a
   * lookup entry is removed only if it is this very entry, and the other user's entry it displaced
   * meanwhile, if that user still holds it, takes its place again: every order ends the same.
   */
  private void dropCode(UserEntry user) {
    CodeEntry code = user.code;
    if (code == null) {
      return;
    }
    user.code = null;
    if (codes.removeIfSame(code)) {
      for (CodeEntry other = code.displaced; other != null; other = other.displaced) {
        if (other.owner.code == other) {
          codes.put(other);
          return;
        }
      }
    }
  }

  private void dropCard(CardEntry card) {
    if (cards.removeIfSame(card)) {
      for (CardEntry other = card.displaced; other != null; other = other.displaced) {
        if (holds(other)) {
          cards.put(other);
          return;
        }
      }
    }
  }

  /** Whether the card is still among its owner's. */
  private static boolean holds(CardEntry card) {
    for (CardEntry held = card.owner.firstCard; held != null; held = held.next) {
      if (held == card) {
        return true;
      }
    }
    return false;
  }
}
