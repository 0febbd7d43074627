package io.lanyard.device.model;

/**
 * The login model this replica answers from. A rebuild puts a fresh one in its place in one step; a
 * login that began on the old one finishes on it (tenants compare by id across the two).
 */
public final class CurrentLoginModel {

  private volatile LoginModel model = new LoginModel();

  public LoginModel get() {
    return model;
  }

  public void replace(LoginModel fresh) {
    model = fresh;
  }
}
