package io.otlpiceberg.fieldhomes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every field an OTLP export request can carry has a home in the tables, or a stated reason why not
 * ({@link FieldHomes}), and each home is true of the converter: a new proto version's field cannot
 * be dropped without anyone deciding so.
 */
class FieldHomesTest {
  private static final FieldHomes HOMES = FieldHomes.OTLP;
  private static final Map<String, List<FieldPath>> REACHABLE =
      new ReachableFields().pathsByField();

  @Test
  void everyReachableFieldHasAHome() {
    Set<String> homeless = new TreeSet<>(REACHABLE.keySet());
    homeless.removeAll(HOMES.fieldNames());
    assertThat(homeless)
        .as(
            "fields of the pinned opentelemetry-proto with no home in FieldHomes. For each, add"
                + " to FieldHomes, under its message: column(...) naming the column the row builder"
                + " writes it to (add the column and the code if there is none), or notStored(...)"
                + " with the reason the tables do not keep it (and say so in README's The tables)")
        .isEmpty();
  }

  @Test
  void everyHomeIsOfAFieldThatExists() {
    Set<String> gone = new TreeSet<>(HOMES.fieldNames());
    gone.removeAll(REACHABLE.keySet());
    assertThat(gone)
        .as(
            "FieldHomes names fields that no export request of the pinned opentelemetry-proto"
                + " reaches (renamed or removed?): correct or remove their entries")
        .isEmpty();
  }

  @TestFactory
  Stream<DynamicTest> everyHomeIsWhereTheConverterPutsTheField() {
    HomeProof proof = new HomeProof(HOMES);
    return REACHABLE.entrySet().stream()
        .filter(field -> HOMES.of(field.getKey()) != null)
        .map(
            field ->
                DynamicTest.dynamicTest(
                    field.getKey(),
                    () -> assertThat(proof.problems(field.getKey(), field.getValue())).isEmpty()));
  }
}
