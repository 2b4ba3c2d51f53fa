package io.otlpiceberg.rows;

import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.resource.v1.Resource;
import io.otlpiceberg.tables.ResourceScopeColumns;
import java.util.Map;

/**
 * Where a row came from: its resource and instrumentation scope. Worked out once per scope and
 * shared by all the rows under it (the maps are the same objects, never copied per row).
 */
final class Source {
  private final String serviceName;
  private final Map<String, String> resourceAttributes;
  private final Integer resourceDroppedAttributesCount;
  private final String resourceSchemaUrl;
  private String scopeName;
  private String scopeVersion;
  private Map<String, String> scopeAttributes;
  private Integer scopeDroppedAttributesCount;
  private String scopeSchemaUrl;

  private Source(Resource resource, String resourceSchemaUrl) {
    this.serviceName = Attributes.find(resource.getAttributesList(), "service.name");
    this.resourceAttributes = Attributes.of(resource.getAttributesList());
    this.resourceDroppedAttributesCount = resource.getDroppedAttributesCount();
    this.resourceSchemaUrl = resourceSchemaUrl;
  }

  private Source(Source resource, InstrumentationScope scope, String scopeSchemaUrl) {
    this.serviceName = resource.serviceName;
    this.resourceAttributes = resource.resourceAttributes;
    this.resourceDroppedAttributesCount = resource.resourceDroppedAttributesCount;
    this.resourceSchemaUrl = resource.resourceSchemaUrl;
    this.scopeName = scope.getName();
    this.scopeVersion = scope.getVersion();
    this.scopeAttributes = Attributes.of(scope.getAttributesList());
    this.scopeDroppedAttributesCount = scope.getDroppedAttributesCount();
    this.scopeSchemaUrl = scopeSchemaUrl;
  }

  static Source resource(Resource resource, String schemaUrl) {
    return new Source(resource, schemaUrl);
  }

  Source scope(InstrumentationScope scope, String schemaUrl) {
    return new Source(this, scope, schemaUrl);
  }

  String serviceName() {
    return serviceName;
  }

  void fill(Row row, ResourceScopeColumns columns) {
    row.set(columns.resourceAttributes, resourceAttributes);
    row.set(columns.resourceDroppedAttributesCount, resourceDroppedAttributesCount);
    row.set(columns.resourceSchemaUrl, resourceSchemaUrl);
    row.set(columns.scopeName, scopeName);
    row.set(columns.scopeVersion, scopeVersion);
    row.set(columns.scopeAttributes, scopeAttributes);
    row.set(columns.scopeDroppedAttributesCount, scopeDroppedAttributesCount);
    row.set(columns.scopeSchemaUrl, scopeSchemaUrl);
  }
}
