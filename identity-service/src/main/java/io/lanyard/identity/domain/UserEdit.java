package io.lanyard.identity.domain;

/** One change of a user: the whole profile after it, and what it does to a guest's window. */
public record UserEdit(UserProfile profile, WindowEdit window) {

  public static UserEdit profileOnly(UserProfile profile) {
    return new UserEdit(profile, WindowEdit.NONE);
  }
}
