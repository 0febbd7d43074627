package io.lanyard.credential.infra;

/** A card as the API shows it: never its number, only the last four characters. */
public record CardView(String id, String label, String maskedNumber, String source) {}
