package io.otlpiceberg.rows;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AttributesTest {

  @Test
  void theLastOfDuplicateKeysWinsInThePlaceOfTheFirst() {
    Map<String, String> map =
        Attributes.of(
            List.of(kv("http.method", "GET"), kv("http.route", "/a"), kv("http.method", "POST")));

    assertThat(map)
        .containsExactly(Map.entry("http.method", "POST"), Map.entry("http.route", "/a"));
    assertThat(map.get("http.method")).isEqualTo("POST");
    assertThat(map.get("missing")).isNull();
    assertThat(map.containsKey("http.route")).isTrue();
    assertThat(map).hasSize(2);
  }

  @Test
  void anyLengthGivesTheMapOfLastValuesInFirstOrder() {
    for (int n : new int[] {1, 2, Attributes.SCANNED, Attributes.SCANNED + 1, 200}) {
      List<KeyValue> attributes = new ArrayList<>();
      Map<String, String> expected = new LinkedHashMap<>();
      for (int i = 0; i < n; i++) {
        // Every third key repeats an earlier one.
        String key = "k" + (i % 3 == 2 ? i / 3 : i);
        attributes.add(kv(key, "v" + i));
        expected.put(key, "v" + i);
      }
      Map<String, String> map = Attributes.of(attributes);

      assertThat(map).as("%d attributes", n).isEqualTo(expected);
      assertThat(map.hashCode()).isEqualTo(expected.hashCode());
      assertThat(new ArrayList<>(map.entrySet())).containsExactlyElementsOf(expected.entrySet());
      // The Parquet writer walks maps with forEach.
      List<Map.Entry<String, String>> walked = new ArrayList<>();
      map.forEach((k, v) -> walked.add(Map.entry(k, v)));
      assertThat(walked).containsExactlyElementsOf(expected.entrySet());
      expected.keySet().forEach(k -> assertThat(map.get(k)).isEqualTo(expected.get(k)));
    }
  }

  private static KeyValue kv(String key, String value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setStringValue(value))
        .build();
  }
}
