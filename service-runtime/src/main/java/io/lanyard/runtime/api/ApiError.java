package io.lanyard.runtime.api;

/** The body of every 4xx and 5xx: a stable machine-readable code and a sentence for people. */
public record ApiError(String error, String message) {}
