package io.lanyard.kernel;

import java.util.regex.Pattern;

/** A tenant's id: a slug, as DESIGN.md fixes it, wherever it comes from (token, path, body). */
public final class TenantIds {

  /** What a tenant id is, in words a client can act on. */
  public static final String RULE = "a slug of 2 to 40 characters a-z, 0-9 and -";

  private static final Pattern SLUG = Pattern.compile("[a-z0-9-]{2,40}");

  private TenantIds() {}

  public static boolean valid(String id) {
    return id != null && SLUG.matcher(id).matches();
  }
}
