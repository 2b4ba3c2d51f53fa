package io.otlpiceberg.promote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.otlpiceberg.tables.OtlpTable;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;

/** How promotion entries read, what they refuse, and how values convert. */
class PromotionsTest {

  @Test
  void anEntryNamesItsMapKeyTypeAndColumn() {
    assertThat(
            Promotions.parse(
                OtlpTable.TRACES,
                List.of(
                    "attributes.http.route",
                    " attributes.http.response.status_code:long ",
                    "ns=resource_attributes.k8s.namespace.name",
                    "scope_attributes.lib.ok:boolean",
                    "attributes.db.duration:double")))
        .containsExactly(
            new PromotedColumn("http_route", "attributes", "http.route", PromotedType.STRING),
            new PromotedColumn(
                "http_response_status_code",
                "attributes",
                "http.response.status_code",
                PromotedType.LONG),
            new PromotedColumn(
                "ns", "resource_attributes", "k8s.namespace.name", PromotedType.STRING),
            new PromotedColumn("lib_ok", "scope_attributes", "lib.ok", PromotedType.BOOLEAN),
            new PromotedColumn("db_duration", "attributes", "db.duration", PromotedType.DOUBLE));
    assertThat(Promotions.mapColumns(OtlpTable.METRICS_SUM))
        .contains("attributes", "resource_attributes", "scope_attributes");
  }

  @Test
  void aWrongEntryIsRefusedSayingWhatToWrite() {
    assertRefused(
        OtlpTable.TRACES,
        "attributes.http.route:int",
        "unknown type 'int'; write string, long, double or boolean");
    assertRefused(
        OtlpTable.TRACES,
        "http.route",
        "write <map column>.<attribute key>, where the map column is one of traces's");
    assertRefused(OtlpTable.TRACES, "attributes.", "write <map column>.<attribute key>");
    assertRefused(
        OtlpTable.TRACES,
        "Route=attributes.http.route",
        "the column name 'Route' is not lower-case letters");
    assertRefused(
        OtlpTable.LOGS,
        "resource_attributes.service.name",
        "logs already has a column service_name; name the promoted one, e.g."
            + " resource_service_name=resource_attributes.service.name:string");
    assertThat(
            Promotions.parse(
                OtlpTable.LOGS,
                List.of("resource_service_name=resource_attributes.service.name:string")))
        .singleElement()
        .extracting(PromotedColumn::column)
        .isEqualTo("resource_service_name");
    assertThatThrownBy(
            () ->
                Promotions.parse(
                    OtlpTable.TRACES,
                    List.of("attributes.http.route", "http_route=resource_attributes.route")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("both make column http_route");
  }

  @Test
  void valuesConvertOnlyFromTheirTypesOwnRendering() {
    assertThat(PromotedType.LONG.convert("200")).isEqualTo(200L);
    assertThat(PromotedType.LONG.convert("-9223372036854775808")).isEqualTo(Long.MIN_VALUE);
    assertThat(PromotedType.LONG.convert("200.5")).isNull();
    assertThat(PromotedType.LONG.convert("")).isNull();
    assertThat(PromotedType.DOUBLE.convert("0.25")).isEqualTo(0.25);
    assertThat(PromotedType.DOUBLE.convert("1e-07")).isEqualTo(1e-7);
    assertThat(PromotedType.DOUBLE.convert("1e+21")).isEqualTo(1e21);
    assertThat(PromotedType.DOUBLE.convert("NaN")).isEqualTo(Double.NaN);
    assertThat(PromotedType.DOUBLE.convert("+Inf")).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(PromotedType.DOUBLE.convert("-Inf")).isEqualTo(Double.NEGATIVE_INFINITY);
    for (String notADecimal : List.of("0x1p3", "1d", " 1", "Infinity", "abc", "")) {
      assertThat(PromotedType.DOUBLE.convert(notADecimal)).as(notADecimal).isNull();
    }
    assertThat(PromotedType.BOOLEAN.convert("true")).isEqualTo(true);
    assertThat(PromotedType.BOOLEAN.convert("false")).isEqualTo(false);
    assertThat(PromotedType.BOOLEAN.convert("True")).isNull();
    assertThat(PromotedType.STRING.convert("")).isEqualTo("");
  }

  @Test
  void theTableSchemaGetsOneOptionalColumnPerPromotedAttributeAfterItsOwn() {
    Promotions promotions =
        Promotions.parse(
            table ->
                table == OtlpTable.TRACES
                    ? List.of("attributes.http.route", "attributes.http.response.status_code:long")
                    : List.of());
    Schema schema = promotions.schema(OtlpTable.TRACES);
    Schema base = OtlpTable.TRACES.schema();
    assertThat(schema.columns()).startsWith(base.columns().toArray(Types.NestedField[]::new));
    assertThat(schema.columns().subList(base.columns().size(), schema.columns().size()))
        .extracting(f -> f.name() + " " + f.type() + " " + f.isOptional())
        .containsExactly("http_route string true", "http_response_status_code long true");
    assertThat(schema.findField("http_route").fieldId()).isGreaterThan(base.highestFieldId());
    assertThat(promotions.schema(OtlpTable.LOGS)).isSameAs(OtlpTable.LOGS.schema());
    assertThat(Map.of("x", promotions.of(OtlpTable.LOGS))).containsEntry("x", List.of());
  }

  private static void assertRefused(OtlpTable table, String entry, String message) {
    assertThatThrownBy(() -> Promotions.parse(table, List.of(entry)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }
}
