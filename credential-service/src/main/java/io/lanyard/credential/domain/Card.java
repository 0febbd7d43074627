package io.lanyard.credential.domain;

/** One of a user's cards, as its events make it. */
public record Card(String id, String hash, String maskedNumber, String label, CardSource source) {}
