package io.lanyard.credential.domain;

/** How a card came to its user; the directory's card is the one a directory sync replaces. */
public enum CardSource {
  ADMIN,
  DEVICE,
  DIRECTORY
}
