package io.lanyard.runtime.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A request that cannot be served, with the status and error code the API answers with. */
public class ApiException extends RuntimeException {

  private final int status;
  private final String code;
  private final Map<String, String> headers = new LinkedHashMap<>();

  public ApiException(int status, String code, String message) {
    super(message);
    this.status = status;
    this.code = code;
  }

  public static ApiException badRequest(String code, String message) {
    return new ApiException(400, code, message);
  }

  public static ApiException notFound(String what) {
    return new ApiException(404, "not_found", what + " not found");
  }

  public static ApiException conflict(String code, String message) {
    return new ApiException(409, code, message);
  }

  public static ApiException forbidden(String code, String message) {
    return new ApiException(403, code, message);
  }

  public static ApiException unauthorized(String code, String message) {
    return new ApiException(401, code, message);
  }

  /** A header the answer carries besides the error body, e.g. {@code Retry-After}. */
  public ApiException withHeader(String name, String value) {
    headers.put(name, value);
    return this;
  }

  public Map<String, String> headers() {
    return Collections.unmodifiableMap(headers);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }
}
