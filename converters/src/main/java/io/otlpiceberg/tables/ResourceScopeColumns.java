package io.otlpiceberg.tables;

import org.apache.iceberg.types.Types;

/**
 * Positions of the columns every table has: where the row came from (resource and instrumentation
 * scope). {@code service_name} is declared separately, near the front, because it leads every sort
 * order.
 */
public final class ResourceScopeColumns {
  public final int resourceAttributes;
  public final int resourceDroppedAttributesCount;
  public final int resourceSchemaUrl;
  public final int scopeName;
  public final int scopeVersion;
  public final int scopeAttributes;
  public final int scopeDroppedAttributesCount;
  public final int scopeSchemaUrl;

  ResourceScopeColumns(ColumnsBuilder c) {
    resourceAttributes = c.add("resource_attributes", c.stringMap());
    resourceDroppedAttributesCount =
        c.add("resource_dropped_attributes_count", Types.IntegerType.get());
    resourceSchemaUrl = c.add("resource_schema_url", Types.StringType.get());
    scopeName = c.add("scope_name", Types.StringType.get());
    scopeVersion = c.add("scope_version", Types.StringType.get());
    scopeAttributes = c.add("scope_attributes", c.stringMap());
    scopeDroppedAttributesCount = c.add("scope_dropped_attributes_count", Types.IntegerType.get());
    scopeSchemaUrl = c.add("scope_schema_url", Types.StringType.get());
  }
}
