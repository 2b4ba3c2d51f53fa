package io.otlpiceberg.readers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The fenced blocks of one {@code ###} section of README.md, as a reader copies them. */
final class ReadmeSection {
  private static final Pattern BLOCK = Pattern.compile("```(\\w*)\n(.*?)```", Pattern.DOTALL);

  private final String heading;
  private final String text;

  private ReadmeSection(String heading, String text) {
    this.heading = heading;
    this.text = text;
  }

  static ReadmeSection read(String heading) throws IOException {
    String readme = Files.readString(Path.of(System.getProperty("otlp.readme", "../README.md")));
    int start = readme.indexOf("\n### " + heading + "\n");
    assertThat(start).as("README's section %s", heading).isNotNegative();
    int end = readme.indexOf("\n#", start + heading.length() + 5);
    return new ReadmeSection(heading, readme.substring(start, end < 0 ? readme.length() : end));
  }

  /** The ```sql blocks, each without its closing semicolon (JDBC and Spark take one statement). */
  List<String> sqlBlocks() {
    List<String> sql = new ArrayList<>();
    for (String block : blocks("sql")) {
      sql.add(block.strip().replaceAll(";$", ""));
    }
    assertThat(sql).as("SQL in README's section %s", heading).isNotEmpty();
    return sql;
  }

  /** The untyped blocks: commands to run in a shell. */
  List<String> shellBlocks() {
    return blocks("");
  }

  private List<String> blocks(String language) {
    List<String> found = new ArrayList<>();
    Matcher m = BLOCK.matcher(text);
    while (m.find()) {
      if (m.group(1).equals(language)) {
        found.add(m.group(2));
      }
    }
    return found;
  }
}
