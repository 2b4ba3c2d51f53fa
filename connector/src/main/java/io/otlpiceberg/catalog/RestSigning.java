package io.otlpiceberg.catalog;

import java.util.function.Function;

/**
 * Iceberg's REST SigV4 settings (catalog properties, without the connector's {@code
 * iceberg.catalog.} prefix) and how Iceberg decides that requests are signed, in one place for the
 * config validation and the explanation of a catalog's refusal.
 */
public final class RestSigning {
  public static final String AUTH_TYPE = "rest.auth.type";
  public static final String SIGNING_NAME = "rest.signing-name";
  public static final String SIGNING_REGION = "rest.signing-region";
  public static final String SIGV4_ENABLED_LEGACY = "rest.sigv4-enabled";

  /** What Iceberg signs for when no signing name is set; never right for an AWS endpoint. */
  public static final String DEFAULT_SIGNING_NAME = "execute-api";

  private RestSigning() {}

  /**
   * Whether Iceberg signs the catalog's requests with SigV4.
   *
   * @param property a catalog property by its unprefixed name, or null
   */
  public static boolean enabled(Function<String, String> property) {
    // Iceberg matches "sigv4" case-sensitively when it picks the delegate auth manager.
    return "sigv4".equals(property.apply(AUTH_TYPE))
        || "true".equalsIgnoreCase(property.apply(SIGV4_ENABLED_LEGACY));
  }
}
